package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.events.AgentEvents;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.sinks.UsageSink;
import dev.agentdispatch.runtime.usage.BudgetExceededException;
import dev.agentdispatch.runtime.usage.UsageLimitExceededException;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.agentdispatch.runtime.usage.UsageTracker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 11 of {@code run_turn}: record the usage of a named model, then check the budget (strict
 * {@code >}; an event, and an exception only with {@code enforceBudget}), then the usage limits.
 * Overruns are {@code agent.failed} events <em>with data</em>: non-terminal warnings.
 */
final class UsageAccounting {
  private final SessionConfig config;
  private final UsageTracker tracker;
  private final SessionEvents events;

  UsageAccounting(SessionConfig config, UsageTracker tracker, SessionEvents events) {
    this.config = config;
    this.tracker = tracker;
    this.events = events;
  }

  /**
   * Records the usage of a named model in the tracker and the usage sink and returns its cost; an
   * unnamed model is not tracked and costs 0.
   */
  double record(String model, UsageSnapshot usage) {
    if (model.isEmpty()) {
      return 0;
    }
    double cost = tracker.recordTurn(model, usage);
    UsageSink sink = config.usageSink();
    try {
      sink.record(model, usage, cost);
    } catch (RuntimeException e) {
      events.usageSinkFailed(e);
    }
    return cost;
  }

  /** The budget, then the usage limits, against everything recorded so far. */
  void checkBounds() {
    checkBudget();
    checkLimits();
  }

  private void checkBudget() {
    if (config.budgetUsd().isEmpty()) {
      return;
    }
    double budget = config.budgetUsd().getAsDouble();
    if (tracker.totalCost() > budget) {
      AgentEvents f = events.factory();
      events.emit(
          f.failed(config.role(), config.phase(), AgentFailureClass.RATE_LIMIT)
              .withDetail("budget exceeded: " + tracker.formatCost())
              .withData(Map.of("budget_usd", budget)));
      if (config.enforceBudget()) {
        throw new BudgetExceededException(budget, tracker.totalCost());
      }
    }
  }

  private void checkLimits() {
    if (config.usageLimits().isEmpty()) {
      return;
    }
    try {
      config.usageLimits().get().check(tracker);
    } catch (UsageLimitExceededException e) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("limit_name", e.limitName());
      data.put("observed", e.observed());
      data.put("ceiling", e.ceiling());
      events.emit(
          events
              .factory()
              .failed(config.role(), config.phase(), AgentFailureClass.RATE_LIMIT)
              .withDetail("usage limit exceeded: " + e.limitName())
              .withData(data));
      throw e;
    }
  }
}
