package dev.agentdispatch.server.tracing;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SDK's id generator, with a per-thread override: a span of stored work is started under {@link
 * #with} so it gets the id derived from its invocation (the SDK's span builder takes no span id).
 * Every other span gets random ids.
 */
final class FixedIds implements IdGenerator {
  static final FixedIds INSTANCE = new FixedIds();

  private static final IdGenerator RANDOM = IdGenerator.random();
  private static final ThreadLocal<String> NEXT_SPAN = new ThreadLocal<>();
  private static final ThreadLocal<String> NEXT_TRACE = new ThreadLocal<>();

  private FixedIds() {}

  /**
   * Runs {@code start} (which starts one span) with the span id {@code spanId} (else a random one),
   * and the trace id {@code traceId} when the span is a root (a child takes its parent's).
   */
  static <T> T with(Optional<String> traceId, Optional<String> spanId, Supplier<T> start) {
    spanId.ifPresent(NEXT_SPAN::set);
    traceId.ifPresent(NEXT_TRACE::set);
    try {
      return start.get();
    } finally {
      NEXT_SPAN.remove();
      NEXT_TRACE.remove();
    }
  }

  @Override
  public String generateSpanId() {
    String fixed = NEXT_SPAN.get();
    if (fixed != null) {
      NEXT_SPAN.remove();
      return fixed;
    }
    return RANDOM.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    String fixed = NEXT_TRACE.get();
    if (fixed != null) {
      NEXT_TRACE.remove();
      return fixed;
    }
    return RANDOM.generateTraceId();
  }

  @Override
  public boolean generatesRandomTraceIds() {
    // Trace ids from UUIDv7s are not random in their first bits: a ratio sampler must not trust
    // them to be.
    return false;
  }
}
