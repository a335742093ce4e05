package dev.agentdispatch.server.metrics;

import java.util.Objects;

/**
 * One model call as metrics see it: its labels and its counts.
 *
 * @param agent the calling agent's name, or {@code ""} when the call was not attributed
 */
public record LlmCallMeasure(
    String namespace,
    String agent,
    String model,
    String provider,
    boolean ok,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long costMicros) {
  public LlmCallMeasure {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(provider, "provider is null");
  }
}
