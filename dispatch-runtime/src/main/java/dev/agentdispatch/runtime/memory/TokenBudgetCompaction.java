package dev.agentdispatch.runtime.memory;

import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Keeps the conversation within {@code maxTokens} estimated tokens, dropping the oldest messages
 * first. With {@code keepSystem} (the default) system messages are kept even when they alone exceed
 * the budget. The default estimator is {@code ceil(length / 4)}, at least 1 per message.
 */
public record TokenBudgetCompaction(
    long maxTokens, ToIntFunction<String> estimator, boolean keepSystem) implements Compaction {

  /** {@code ceil(length / 4)}, at least 1. */
  public static final ToIntFunction<String> DEFAULT_ESTIMATOR =
      s -> Math.max(1, (s.length() + 3) / 4);

  public TokenBudgetCompaction {
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("max_tokens must be > 0, got " + maxTokens);
    }
    Objects.requireNonNull(estimator, "estimator is null");
  }

  public TokenBudgetCompaction(long maxTokens) {
    this(maxTokens, DEFAULT_ESTIMATOR, true);
  }

  @Override
  public List<MemoryMessage> compact(List<MemoryMessage> messages) {
    return Compaction.dropOldest(
        messages, keepSystem, kept -> Compaction.tokens(kept, estimator) <= maxTokens);
  }
}
