package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.Lease;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A span per handler run: child of the lease's {@code traceparent} (the server's attempt span),
 * current while the handler runs, so the handler's own spans and the requests it makes hang under
 * it. The only worker class that names an OpenTelemetry type: loaded only when the API is present.
 */
final class OtelHandlerTracing implements HandlerTracing {
  private static final String SCOPE = "dev.agentdispatch.sdk";

  private static final TextMapGetter<String> TRACEPARENT =
      new TextMapGetter<>() {
        @Override
        public String get(String carrier, String key) {
          return "traceparent".equals(key) ? carrier : null;
        }
      };

  private final Supplier<Optional<OpenTelemetry>> source;

  private OtelHandlerTracing(Supplier<Optional<OpenTelemetry>> source) {
    this.source = source;
  }

  /** Spans of {@code openTelemetry}, an {@link OpenTelemetry}. */
  static HandlerTracing of(Object openTelemetry) {
    OpenTelemetry otel = (OpenTelemetry) openTelemetry;
    return new OtelHandlerTracing(() -> Optional.of(otel));
  }

  /** Spans of the global OpenTelemetry, when one is set by the time a run begins. */
  static HandlerTracing global() {
    return new OtelHandlerTracing(() ->
        GlobalOpenTelemetry.isSet() ? Optional.of(GlobalOpenTelemetry.get()) : Optional.empty());
  }

  @Override
  public Run begin(Lease lease) {
    Optional<OpenTelemetry> otel = source.get();
    if (otel.isEmpty()) {
      return HandlerTracing.PLAIN.begin(lease);
    }
    Tracer tracer = otel.get().getTracer(SCOPE);
    Context parent =
        lease
            .traceparent()
            .map(t ->
                W3CTraceContextPropagator.getInstance().extract(Context.root(), t, TRACEPARENT))
            .orElse(Context.root());
    Span span =
        tracer
            .spanBuilder("run " + lease.agent() + "." + lease.function())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("dispatch.agent", lease.agent())
            .setAttribute("dispatch.function", lease.function())
            .setAttribute("dispatch.invocation.id", lease.invocationId())
            .setAttribute("dispatch.trace_id", lease.traceId())
            .setAttribute("dispatch.attempt", (long) lease.attempt())
            .startSpan();
    if (!span.getSpanContext().isValid()) {
      // A no-op OpenTelemetry: pass the lease's own context on, as without one.
      return HandlerTracing.PLAIN.begin(lease);
    }
    Scope scope = parent.with(span).makeCurrent();
    Run mdc = new PlainRun(lease, Optional.of(span.getSpanContext().getSpanId()), Optional.empty());
    return new Run() {
      @Override
      public void failed(Throwable error) {
        span.recordException(error);
        span.setAttribute("error.type", error.getClass().getSimpleName());
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      }

      @Override
      public void close() {
        mdc.close();
        scope.close();
        span.end();
      }
    };
  }
}
