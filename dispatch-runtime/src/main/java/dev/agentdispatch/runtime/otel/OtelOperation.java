package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelAttributes.*;

import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.telemetry.Activation;
import dev.agentdispatch.runtime.telemetry.TurnTrace;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.Optional;

/** The span of one turn or tool call, a child of its session's span. */
final class OtelOperation implements TurnTrace {
  private final SpanHandle handle;
  private final String interruptedType;
  private final UsageMetrics metrics;
  private final String defaultProvider;
  private final String agent;

  /**
   * @param interruptedType the {@code error.type} if the session ends while this is still open
   */
  OtelOperation(
      SpanHandle handle,
      String interruptedType,
      UsageMetrics metrics,
      String defaultProvider,
      String agent) {
    this.handle = handle;
    this.interruptedType = interruptedType;
    this.metrics = metrics;
    this.defaultProvider = defaultProvider;
    this.agent = agent;
  }

  Span span() {
    return handle.span();
  }

  @Override
  public Activation activate() {
    Scope scope = handle.span().makeCurrent();
    return scope::close;
  }

  @Override
  public void succeeded() {
    handle.end(span -> {});
  }

  @Override
  public void failed(Throwable error, AgentFailureClass failureClass) {
    handle.end(span -> Failures.mark(span, failureClass, failureClass.value()));
  }

  /** Its session ended first. */
  void interrupt() {
    handle.abandon(interruptedType);
  }

  @Override
  public void usage(String model, Optional<String> provider, UsageSnapshot usage, double costUsd) {
    Span span = handle.span();
    String providerName = provider.orElse(defaultProvider);
    span.setAttribute(GEN_AI_PROVIDER_NAME, providerName);
    span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, UsageMetrics.inputTokensIncludingCache(usage));
    span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens());
    if (usage.cacheWriteTokens() > 0) {
      span.setAttribute(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheWriteTokens());
    }
    if (usage.cacheReadTokens() > 0) {
      span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadTokens());
    }
    // A turn without a model is not priced by the session, so it is not metered either.
    if (!model.isEmpty()) {
      span.setAttribute(COST_USD, costUsd);
      metrics.record(model, providerName, Optional.of(agent), usage, costUsd);
    }
  }

  @Override
  public void responseModel(String model) {
    handle.span().setAttribute(GEN_AI_RESPONSE_MODEL, model);
  }
}
