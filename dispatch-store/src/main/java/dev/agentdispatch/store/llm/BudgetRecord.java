package dev.agentdispatch.store.llm;

import java.time.Instant;
import java.util.Objects;

/**
 * A monthly budget set through the API.
 *
 * @param warnAt the fraction of the limit whose crossing sends a warning, in (0, 1]
 */
public record BudgetRecord(
    String namespace, String scope, long limitMicros, double warnAt, Instant updatedAt) {
  public BudgetRecord {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(scope, "scope is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
    if (limitMicros < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    if (!(warnAt > 0 && warnAt <= 1)) {
      throw new IllegalArgumentException("warn_at must be in (0, 1], got " + warnAt);
    }
  }
}
