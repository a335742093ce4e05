package dev.agentdispatch.store.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What the token buckets answered an invocation. */
public sealed interface RateDecision {
  /** Every bucket had (or reserved) a token: the invocation may run from {@code availableAt}. */
  record Granted(Instant availableAt) implements RateDecision {
    public Granted {
      Objects.requireNonNull(availableAt, "availableAt is null");
    }
  }

  /** A bucket had none to give; no bucket changed. Retrying after {@code retryAfter} may pass. */
  record Refused(String scope, Duration retryAfter) implements RateDecision {
    public Refused {
      Objects.requireNonNull(scope, "scope is null");
      Objects.requireNonNull(retryAfter, "retryAfter is null");
    }
  }
}
