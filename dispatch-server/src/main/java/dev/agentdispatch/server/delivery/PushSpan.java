package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.server.tracing.SpanNames;
import dev.agentdispatch.server.tracing.TraceIds;
import dev.agentdispatch.store.invocation.Completion;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/**
 * The CLIENT span of one push to an agent: a child of the attempt's span, from the call's start to
 * its end. The agent is sent its {@code traceparent} (an HTTP header, gRPC metadata), so the
 * agent's own spans hang under it; with tracing off, the attempt's.
 */
final class PushSpan {
  private final Span span;
  private final String traceparent;

  private PushSpan(Span span, String traceparent) {
    this.span = span;
    this.traceparent = traceparent;
  }

  static PushSpan start(ServerTracing tracing, AgentSpec agent, Invocation invocation) {
    InvocationSpec s = invocation.spec();
    int attempt = invocation.state().attempt();
    String attemptParent = TraceIds.attemptTraceparent(s.traceId(), s.id(), attempt);
    if (!tracing.enabled()) {
      return new PushSpan(Span.getInvalid(), attemptParent);
    }
    SpanContext parent =
        SpanContext.create(
            TraceIds.otelTraceId(s.traceId()),
            TraceIds.attemptSpanId(s.id(), attempt),
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Span span =
        tracing
            .tracer()
            .spanBuilder("push " + s.agent() + "." + s.function())
            .setSpanKind(SpanKind.CLIENT)
            .setParent(Context.root().with(Span.wrap(parent)))
            .setAttribute(SpanNames.NAMESPACE, s.namespace())
            .setAttribute(SpanNames.AGENT, s.agent())
            .setAttribute(SpanNames.FUNCTION, s.function())
            .setAttribute(SpanNames.INVOCATION_ID, s.id())
            .setAttribute(SpanNames.ATTEMPT, (long) attempt)
            .setAttribute(SpanNames.DELIVERY, mode(agent.delivery()))
            .startSpan();
    SpanContext own = span.getSpanContext();
    return new PushSpan(
        span,
        own.isValid() && own.isSampled()
            ? TraceIds.traceparent(own.getTraceId(), own.getSpanId())
            : attemptParent);
  }

  /** What the agent is sent as its caller's span. */
  String traceparent() {
    return traceparent;
  }

  /** Ends the span as the push ended. */
  void end(PushOutcome outcome) {
    if (outcome.report() instanceof Completion.Failed f) {
      span.setAttribute(SpanNames.ERROR_TYPE, f.error().type());
      span.setStatus(StatusCode.ERROR, f.error().message());
    }
    span.end();
  }

  private static String mode(Delivery delivery) {
    return delivery.mode();
  }
}
