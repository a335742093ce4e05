package dev.agentdispatch.sdk.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * A model call an agent made to a provider directly (not through the gateway), reported so that it
 * shows in its trace, counts in usage and is charged to the agent's budget.
 *
 * @param model the model called
 * @param provider who served it, e.g. {@code openai}
 * @param inputTokens prompt tokens, cached ones excluded
 * @param outputTokens completion tokens
 * @param cacheReadTokens prompt tokens read from the provider's cache
 * @param cacheWriteTokens prompt tokens written to the provider's cache
 * @param agent the agent it is charged to
 * @param traceId the trace it belongs to
 * @param invocationId the invocation that made it
 */
public record LlmCallReport(
    String model,
    String provider,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    Optional<String> agent,
    Optional<String> traceId,
    Optional<String> invocationId) {

  public LlmCallReport {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(invocationId, "invocationId");
  }
}
