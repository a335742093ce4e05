package dev.agentdispatch.server.app.llm.budgets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One budget that applies to a call.
 *
 * @param scope as stored, e.g. {@code namespace} or {@code agent:writer}
 * @param label for people, e.g. {@code agent 'writer'}
 * @param warnAt the fraction of the limit whose crossing sends {@code llm.budget.warning}
 */
public record Limit(String scope, String label, long limitMicros, double warnAt) {
  public Limit {
    Objects.requireNonNull(scope, "scope is null");
    Objects.requireNonNull(label, "label is null");
  }

  /** The spend that crosses the warning threshold (rounded up: never warn early). */
  public long warnAtMicros() {
    return BigDecimal.valueOf(limitMicros)
        .multiply(BigDecimal.valueOf(warnAt))
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }
}
