package dev.agentdispatch.store.llm;

import java.util.Objects;

/**
 * What a call in flight asks to hold against one budget scope.
 *
 * @param limitMicros the scope's monthly limit; the hold is refused if it would take spent plus
 *     reserved past it
 * @param micros the call's estimated cost
 */
public record Hold(String scope, long limitMicros, long micros) {
  public Hold {
    Objects.requireNonNull(scope, "scope is null");
    if (limitMicros < 0 || micros < 0) {
      throw new IllegalArgumentException("limit and hold must not be negative");
    }
  }
}
