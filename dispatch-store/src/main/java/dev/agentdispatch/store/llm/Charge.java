package dev.agentdispatch.store.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * A scope a recorded call's cost is added to.
 *
 * @param warnAtMicros the spend whose crossing sends the scope's monthly warning; empty when the
 *     scope has no budget
 */
public record Charge(String scope, Optional<Long> warnAtMicros) {
  public Charge {
    Objects.requireNonNull(scope, "scope is null");
    Objects.requireNonNull(warnAtMicros, "warnAtMicros is null");
  }
}
