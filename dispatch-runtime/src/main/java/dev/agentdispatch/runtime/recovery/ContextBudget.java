package dev.agentdispatch.runtime.recovery;

import dev.agentdispatch.runtime.retry.RecoveryHelpers;
import java.util.OptionalInt;

/**
 * How many characters of context the model call may send. {@code retry_with_smaller_context}
 * shrinks it by the reduction factor (default 0.75); the turn function reads it. Thread-safe.
 */
public final class ContextBudget {
  private final double reduction;
  private Integer chars; // null when no budget is configured

  public ContextBudget(OptionalInt initialChars, double reduction) {
    RecoveryHelpers.smallerContextBudget(0, reduction); // validates reduction in [0, 1]
    this.reduction = reduction;
    this.chars = initialChars.isPresent() ? initialChars.getAsInt() : null;
  }

  public static ContextBudget none() {
    return new ContextBudget(OptionalInt.empty(), RecoveryHelpers.DEFAULT_REDUCTION);
  }

  public synchronized OptionalInt chars() {
    return chars == null ? OptionalInt.empty() : OptionalInt.of(chars);
  }

  /** Shrinks the budget; returns false when there is none to shrink. */
  public synchronized boolean shrink() {
    if (chars == null) {
      return false;
    }
    chars = RecoveryHelpers.smallerContextBudget(chars, reduction);
    return true;
  }
}
