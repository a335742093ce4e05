package dev.agentdispatch.runtime.usage;

import java.util.Locale;

/** The session's cost went over its budget while {@code enforceBudget} was set. */
public final class BudgetExceededException extends UsageBoundExceededException {
  private static final long serialVersionUID = 1L;
  private final double budgetUsd;
  private final double currentCostUsd;

  public BudgetExceededException(double budgetUsd, double currentCostUsd) {
    super(String.format(Locale.ROOT, "budget exceeded: $%.4f > $%.4f", currentCostUsd, budgetUsd));
    this.budgetUsd = budgetUsd;
    this.currentCostUsd = currentCostUsd;
  }

  public double budgetUsd() {
    return budgetUsd;
  }

  public double currentCostUsd() {
    return currentCostUsd;
  }
}
