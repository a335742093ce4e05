package dev.agentdispatch.store.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * The calls of one group: how many, their tokens of each class and their cost.
 *
 * @param key the agent, model, provider or UTC day ({@code YYYY-MM-DD}); empty for calls not
 *     attributed to an agent
 */
public record UsageRow(
    Optional<String> key,
    long calls,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long costMicros) {
  public UsageRow {
    Objects.requireNonNull(key, "key is null");
  }
}
