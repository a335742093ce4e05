package dev.agentdispatch.runtime.governance;

import java.util.Objects;

/**
 * A terminate-mode governance limit was breached: a hard stop. The session does not try to recover
 * from it, and a session it ends fails with class {@code governance_breach} and detail {@code
 * "governance breach"}. (The specification's {@code GovernanceBreachError}.)
 */
public final class GovernanceBreachException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String limitName;
  private final double observed;
  private final double ceiling;
  private final String scope;

  /** Requires {@code observed > ceiling}. */
  public GovernanceBreachException(
      String limitName, double observed, double ceiling, String scope) {
    this(limitName, observed, ceiling, scope, Double.toString(observed), Double.toString(ceiling));
  }

  GovernanceBreachException(LimitOutcome o) {
    this(
        o.limitName(),
        o.observed(),
        o.ceiling(),
        o.scope(),
        o.format(o.observed()),
        o.format(o.ceiling()));
  }

  private GovernanceBreachException(
      String limitName,
      double observed,
      double ceiling,
      String scope,
      String shownObserved,
      String shownCeiling) {
    super(
        "governance limit '"
            + Objects.requireNonNull(limitName, "limitName is null")
            + "' breached: observed "
            + shownObserved
            + " > ceiling "
            + shownCeiling
            + " (scope "
            + Objects.requireNonNull(scope, "scope is null")
            + ")");
    if (!(observed > ceiling)) {
      throw new IllegalArgumentException(
          "a breach requires observed > ceiling, got " + observed + " <= " + ceiling);
    }
    this.limitName = limitName;
    this.observed = observed;
    this.ceiling = ceiling;
    this.scope = scope;
  }

  public String limitName() {
    return limitName;
  }

  public double observed() {
    return observed;
  }

  public double ceiling() {
    return ceiling;
  }

  public String scope() {
    return scope;
  }
}
