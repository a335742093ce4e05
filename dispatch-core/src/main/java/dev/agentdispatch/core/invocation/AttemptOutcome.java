package dev.agentdispatch.core.invocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one attempt ended, recorded in the attempt history.
 *
 * @param outcome {@code completed}, {@code error}, {@code cancelled}, {@code lease_expired}, {@code
 *     attempt_timed_out}, {@code timed_out} or {@code undelivered} (the lease never reached its
 *     worker)
 */
public record AttemptOutcome(
    int attempt, String outcome, Optional<ErrorInfo> error, Instant finishedAt) {
  public AttemptOutcome {
    Objects.requireNonNull(outcome, "outcome is null");
    Objects.requireNonNull(error, "error is null");
    Objects.requireNonNull(finishedAt, "finishedAt is null");
  }
}
