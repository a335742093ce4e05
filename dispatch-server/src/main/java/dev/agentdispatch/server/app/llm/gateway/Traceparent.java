package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.server.tracing.TraceIds;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C {@code traceparent} a forwarded call carries when this node records no span of it (with
 * tracing on, the gateway's own span is sent instead). Trace ids map as {@link TraceIds} says.
 */
final class Traceparent {
  private Traceparent() {}

  /** The header for a call in trace {@code traceId}: {@code 00-<trace>-<new span>-01}. */
  static String of(String traceId) {
    return TraceIds.traceparent(TraceIds.otelTraceId(traceId), spanId());
  }

  /** The trace id the client's own {@code traceparent} names, if it is well formed. */
  static Optional<String> traceIdOf(String traceparent) {
    return TraceIds.parse(traceparent).map(TraceIds.SpanRef::traceId);
  }

  private static String spanId() {
    long span;
    do {
      span = ThreadLocalRandom.current().nextLong();
    } while (span == 0);
    return String.format("%016x", span);
  }
}
