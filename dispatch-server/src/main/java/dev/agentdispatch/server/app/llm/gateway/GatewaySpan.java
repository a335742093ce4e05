package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallOutcome;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.server.tracing.SpanNames;
import dev.agentdispatch.server.tracing.TraceIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CLIENT span of one model call through the gateway, with the GenAI semantic conventions'
 * attributes; the {@code traceparent} sent upstream names it. Its parent is the caller's span (a
 * {@code traceparent} the client sent), else the span of the invocation the call is attributed to,
 * so a call made from a handler shows under its work either way.
 */
final class GatewaySpan {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<String> DISPATCH_PROVIDER =
      AttributeKey.stringKey("dispatch.llm.provider");
  static final AttributeKey<String> VARIANT = AttributeKey.stringKey("dispatch.llm.variant");

  private final Span span;
  private final boolean recorded;

  private GatewaySpan(Span span, boolean recorded) {
    this.span = span;
    this.recorded = recorded;
  }

  /**
   * Starts the span of {@code call} asking for {@code model} (as the client named it, if it did).
   */
  static GatewaySpan start(ServerTracing tracing, ProxyCall call, Optional<String> model) {
    if (!tracing.enabled()) {
      return new GatewaySpan(Span.getInvalid(), false);
    }
    String operation = operation(call.endpoint());
    SpanBuilder builder =
        tracing
            .tracer()
            .spanBuilder(operation + model.map(m -> " " + m).orElse(""))
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(OPERATION, operation)
            .setAttribute(PROVIDER, call.endpoint().format().name().toLowerCase(Locale.ROOT))
            .setAttribute(SpanNames.NAMESPACE, call.who().namespace());
    model.ifPresent(m -> builder.setAttribute(REQUEST_MODEL, m));
    CallAttribution who = call.who();
    who.agent().ifPresent(a -> builder.setAttribute(SpanNames.AGENT, a));
    who.invocationId().ifPresent(i -> builder.setAttribute(SpanNames.INVOCATION_ID, i));
    who.traceId().ifPresent(t -> builder.setAttribute(SpanNames.TRACE_ID, t));
    who.sessionId().ifPresent(s -> builder.setAttribute(SpanNames.SESSION_ID, s));
    SpanContext caller = Span.fromContext(Context.current()).getSpanContext();
    Optional<String> trace = who.traceId().map(TraceIds::otelTraceId);
    Span span;
    if (caller.isValid() && trace.map(caller.getTraceId()::equals).orElse(true)) {
      span = builder.setParent(Context.current()).startSpan();
    } else if (trace.isPresent() && who.invocationId().isPresent()) {
      SpanContext invocation =
          SpanContext.create(
              trace.get(),
              TraceIds.invocationSpanId(who.invocationId().get()),
              TraceFlags.getSampled(),
              TraceState.getDefault());
      span = builder.setParent(Context.root().with(Span.wrap(invocation))).startSpan();
    } else if (trace.isPresent()) {
      span = tracing.inTrace(trace.get(), builder.setNoParent()::startSpan);
    } else {
      span = builder.setNoParent().startSpan();
    }
    return new GatewaySpan(span, true);
  }

  /** The {@code traceparent} to send upstream: this span, when it is recorded. */
  Optional<String> traceparent() {
    SpanContext c = span.getSpanContext();
    return recorded && c.isValid() && c.isSampled()
        ? Optional.of(TraceIds.traceparent(c.getTraceId(), c.getSpanId()))
        : Optional.empty();
  }

  /** Ends the span with what the call came to. */
  void end(CallOutcome outcome) {
    if (!recorded) {
      return;
    }
    span.setAttribute(RESPONSE_MODEL, outcome.model());
    span.setAttribute(INPUT_TOKENS, outcome.usage().input());
    span.setAttribute(OUTPUT_TOKENS, outcome.usage().output());
    span.setAttribute(DISPATCH_PROVIDER, outcome.provider());
    outcome.finishReason().ifPresent(r -> span.setAttribute(FINISH_REASONS, List.of(r)));
    outcome.variantName().ifPresent(v -> span.setAttribute(VARIANT, v));
    outcome
        .error()
        .ifPresent(e -> {
          span.setAttribute(SpanNames.ERROR_TYPE, "upstream_error");
          span.setStatus(StatusCode.ERROR, e);
        });
    span.end();
  }

  /** Ends the span of a call refused before it went anywhere. */
  void refused(RuntimeException error) {
    if (!recorded) {
      return;
    }
    span.setAttribute(SpanNames.ERROR_TYPE, error.getClass().getSimpleName());
    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    span.end();
  }

  private static String operation(Endpoint endpoint) {
    return switch (endpoint) {
      case EMBEDDINGS -> "embeddings";
      case CHAT_COMPLETIONS, RESPONSES, MESSAGES -> "chat";
    };
  }
}
