package dev.agentdispatch.store.llm;

/**
 * One scope's counters for one month: settled spend, holds of calls in flight, and whether its
 * warning was sent.
 */
public record BudgetUsage(long spentMicros, long reservedMicros, boolean warned) {
  /** A month nothing was spent or held in. */
  public static final BudgetUsage NONE = new BudgetUsage(0, 0, false);
}
