package dev.agentdispatch.runtime.governance;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.Objects;

/**
 * A hard stop on one counter of a session's {@link GovernanceState}. A limit is breached when the
 * observed value is strictly greater than its {@link #value()}. The only scope is {@code
 * "session"}. The four limits of the specification are the nested records.
 */
public sealed interface GovernanceLimit
    permits GovernanceLimit.MaxIterations,
        GovernanceLimit.MaxBudget,
        GovernanceLimit.MaxConsecutiveFailures,
        GovernanceLimit.MaxToolCalls {

  /** The only scope the specification accepts. */
  String SESSION = "session";

  /** The limit's name in events and errors, e.g. {@code "max_iterations"}. */
  String name();

  /** The ceiling; observed values strictly above it breach. */
  double value();

  String scope();

  OnBreach onBreach();

  /** The counter this limit watches. */
  double observe(GovernanceState.Snapshot state);

  /** Whether the counter is a count (printed as an integer) rather than dollars. */
  default boolean counts() {
    return true;
  }

  /** Turns started ({@code max_iterations}). */
  record MaxIterations(long limit, String scope, OnBreach onBreach) implements GovernanceLimit {
    public MaxIterations {
      Checks.nonNegative(limit, "value");
      scope = checkScope(scope);
      Objects.requireNonNull(onBreach, "on_breach is null");
    }

    /** Terminates past {@code limit} turns. */
    public MaxIterations(long limit) {
      this(limit, SESSION, OnBreach.TERMINATE);
    }

    @Override
    public String name() {
      return "max_iterations";
    }

    @Override
    public double value() {
      return limit;
    }

    @Override
    public double observe(GovernanceState.Snapshot state) {
      return state.turns();
    }
  }

  /** Cost in US dollars ({@code max_budget_usd}). */
  record MaxBudget(double usd, String scope, OnBreach onBreach) implements GovernanceLimit {
    public MaxBudget {
      Checks.nonNegative(usd, "value");
      scope = checkScope(scope);
      Objects.requireNonNull(onBreach, "on_breach is null");
    }

    /** Terminates past {@code usd} dollars. */
    public MaxBudget(double usd) {
      this(usd, SESSION, OnBreach.TERMINATE);
    }

    @Override
    public String name() {
      return "max_budget_usd";
    }

    @Override
    public double value() {
      return usd;
    }

    @Override
    public double observe(GovernanceState.Snapshot state) {
      return state.costUsd();
    }

    @Override
    public boolean counts() {
      return false;
    }
  }

  /** Turns that failed in a row ({@code max_consecutive_failures}); a success resets it. */
  record MaxConsecutiveFailures(long limit, String scope, OnBreach onBreach)
      implements GovernanceLimit {
    public MaxConsecutiveFailures {
      Checks.nonNegative(limit, "value");
      scope = checkScope(scope);
      Objects.requireNonNull(onBreach, "on_breach is null");
    }

    /** Terminates past {@code limit} failures in a row. */
    public MaxConsecutiveFailures(long limit) {
      this(limit, SESSION, OnBreach.TERMINATE);
    }

    @Override
    public String name() {
      return "max_consecutive_failures";
    }

    @Override
    public double value() {
      return limit;
    }

    @Override
    public double observe(GovernanceState.Snapshot state) {
      return state.consecutiveFailures();
    }
  }

  /** Tool calls started ({@code max_tool_calls}). */
  record MaxToolCalls(long limit, String scope, OnBreach onBreach) implements GovernanceLimit {
    public MaxToolCalls {
      Checks.nonNegative(limit, "value");
      scope = checkScope(scope);
      Objects.requireNonNull(onBreach, "on_breach is null");
    }

    /** Terminates past {@code limit} tool calls. */
    public MaxToolCalls(long limit) {
      this(limit, SESSION, OnBreach.TERMINATE);
    }

    @Override
    public String name() {
      return "max_tool_calls";
    }

    @Override
    public double value() {
      return limit;
    }

    @Override
    public double observe(GovernanceState.Snapshot state) {
      return state.toolCalls();
    }
  }

  private static String checkScope(String scope) {
    if (!SESSION.equals(Objects.requireNonNull(scope, "scope is null"))) {
      throw new IllegalArgumentException("scope must be 'session', got '" + scope + "'");
    }
    return scope;
  }
}
