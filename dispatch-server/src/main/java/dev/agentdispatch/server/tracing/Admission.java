package dev.agentdispatch.server.tracing;

import dev.agentdispatch.core.id.Ids;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Optional;

/**
 * The span of one request that admits work (an invoke, a batch, a publish, a session input, a
 * schedule's fire), and the trace that work joins. The caller's span is the one current when the
 * request is handled: the HTTP doors make a W3C {@code traceparent} header current for the request.
 *
 * <p>The work's Dispatch trace id is the one the request names explicitly, else the caller's trace
 * (its OTel trace id with the dashes of a UUID), else a new one. Each invocation it creates hangs
 * under this span (its {@code parentSpanId}); with tracing off, under the caller's span, so the
 * stored tree is the same whether this node traces or not.
 */
public final class Admission implements AutoCloseable {
  private final Optional<SpanContext> caller;
  private final String traceId;
  private final boolean shared;
  private final Span span;

  private Admission(Optional<SpanContext> caller, String traceId, boolean shared, Span span) {
    this.caller = caller;
    this.traceId = traceId;
    this.shared = shared;
    this.span = span;
  }

  /**
   * Starts the admission span {@code name}.
   *
   * @param explicitTraceId the Dispatch trace id the request names for all its work, if any
   * @param shared whether work without a trace id of its own joins this request's trace even when
   *     no caller named one (a batch's items each start their own trace then)
   */
  public static Admission start(
      ServerTracing tracing, String name, Optional<String> explicitTraceId, boolean shared) {
    return start(tracing, name, SpanKind.SERVER, explicitTraceId, shared);
  }

  /** As {@link #start(ServerTracing, String, Optional, boolean)}, with a span of {@code kind}. */
  static Admission start(
      ServerTracing tracing,
      String name,
      SpanKind kind,
      Optional<String> explicitTraceId,
      boolean shared) {
    Optional<SpanContext> caller =
        Optional.of(Span.fromContext(Context.current()).getSpanContext())
            .filter(SpanContext::isValid);
    String traceId =
        explicitTraceId
            .or(() -> caller.map(c -> TraceIds.dispatchTraceId(c.getTraceId())))
            .orElseGet(Ids::uuid7);
    if (!tracing.enabled()) {
      return new Admission(caller, traceId, shared, Span.getInvalid());
    }
    String otel = TraceIds.otelTraceId(traceId);
    boolean sameTrace = caller.filter(c -> c.getTraceId().equals(otel)).isPresent();
    SpanBuilder builder =
        tracing
            .tracer()
            .spanBuilder(name)
            .setSpanKind(kind)
            .setAttribute(SpanNames.TRACE_ID, traceId);
    if (sameTrace) {
      builder.setParent(Context.current());
    } else {
      builder.setNoParent();
      // A caller in another trace (the request named its own trace id) is linked, not parent.
      caller.ifPresent(builder::addLink);
    }
    Span span = sameTrace ? builder.startSpan() : tracing.inTrace(otel, builder::startSpan);
    return new Admission(caller, traceId, shared, span);
  }

  /** The Dispatch trace id of this request's work, unless an item names its own. */
  public String traceId() {
    return traceId;
  }

  /** The trace of an invocation that names {@code explicit}, or none. */
  public String traceIdFor(Optional<String> explicit) {
    if (explicit.isPresent()) {
      return explicit.get();
    }
    if (shared || caller.isPresent()) {
      return traceId;
    }
    return Ids.uuid7();
  }

  /**
   * The span an invocation in Dispatch trace {@code itemTraceId} hangs under: this admission's, or
   * (when it is not recorded) the caller's, if in the same trace; else none (a root).
   */
  public Optional<String> parentSpanIdFor(String itemTraceId) {
    String otel = TraceIds.otelTraceId(itemTraceId);
    SpanContext own = span.getSpanContext();
    if (own.isValid() && own.isSampled() && own.getTraceId().equals(otel)) {
      return Optional.of(own.getSpanId());
    }
    return caller.filter(c -> c.getTraceId().equals(otel)).map(SpanContext::getSpanId);
  }

  /** Records a count on the span (invocations created, fan-out). */
  public Admission count(AttributeKey<Long> key, long value) {
    span.setAttribute(key, value);
    return this;
  }

  /** Records a string attribute on the span. */
  public Admission tag(AttributeKey<String> key, String value) {
    span.setAttribute(key, value);
    return this;
  }

  /**
   * Runs {@code work} under this span and ends it: a failure is recorded on the span and thrown on.
   */
  public <T> T around(java.util.function.Function<Admission, T> work) {
    try (this) {
      try {
        return work.apply(this);
      } catch (RuntimeException e) {
        failed(e);
        throw e;
      }
    }
  }

  /** Marks the admission failed with {@code error} (its class names the error type). */
  public void failed(RuntimeException error) {
    span.setAttribute(SpanNames.ERROR_TYPE, error.getClass().getSimpleName());
    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
  }

  @Override
  public void close() {
    span.end();
  }
}
