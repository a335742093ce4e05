package dev.agentdispatch.server.app.llm.budgets;

import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * A namespace's monthly budget, checked as it is made.
 *
 * @param warnAt in (0, 1]: the fraction of the budget whose crossing sends a warning event
 */
public record BudgetRequest(BigDecimal monthlyBudgetUsd, double warnAt) {
  public BudgetRequest {
    if (monthlyBudgetUsd == null || monthlyBudgetUsd.signum() < 0) {
      throw new ServiceException.Invalid("'monthly_budget_usd' must be a non-negative number");
    }
    if (!(warnAt > 0 && warnAt <= 1)) {
      throw new ServiceException.Invalid("'warn_at' must be a fraction in (0, 1], got " + warnAt);
    }
  }

  /** From wire values; an absent {@code warn_at} is {@link BudgetService#DEFAULT_WARN_AT}. */
  public static BudgetRequest of(JsonNode monthlyBudgetUsd, JsonNode warnAt) {
    BigDecimal budget =
        Usd.parse(monthlyBudgetUsd, "monthly_budget_usd", Usd.MAX_BUDGET)
            .orElseThrow(() -> new ServiceException.Invalid("'monthly_budget_usd' is required"));
    if (warnAt == null || warnAt.isNull() || warnAt.isMissingNode()) {
      return new BudgetRequest(budget, BudgetService.DEFAULT_WARN_AT);
    }
    if (!warnAt.isNumber()) {
      throw new ServiceException.Invalid("'warn_at' must be a number in (0, 1], got " + warnAt);
    }
    return new BudgetRequest(budget, warnAt.doubleValue());
  }
}
