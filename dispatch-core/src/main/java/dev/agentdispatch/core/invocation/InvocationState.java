package dev.agentdispatch.core.invocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The changing part of an invocation. Only {@link InvocationStateMachine} makes new values of it.
 *
 * @param attempt number of attempts started so far, over all chains
 * @param chainStart value of {@code attempt} when the current retry chain began (0, or the count at a
 *     manual retry), so a manual retry gets a fresh attempt budget
 * @param availableAt earliest time a pending invocation may be leased
 * @param deadlineAt overall deadline; past it the invocation is {@code timed_out}
 * @param resultJson the result of a completed invocation, as raw JSON
 */
public record InvocationState(
    InvocationStatus status,
    int attempt,
    int chainStart,
    Instant availableAt,
    Instant deadlineAt,
    Optional<Lease> lease,
    boolean cancelRequested,
    Optional<String> resultJson,
    Optional<ErrorInfo> error,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    boolean deadLettered,
    Instant updatedAt) {

  public InvocationState {
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(availableAt, "availableAt is null");
    Objects.requireNonNull(deadlineAt, "deadlineAt is null");
    Objects.requireNonNull(lease, "lease is null");
    Objects.requireNonNull(resultJson, "resultJson is null");
    Objects.requireNonNull(error, "error is null");
    Objects.requireNonNull(startedAt, "startedAt is null");
    Objects.requireNonNull(finishedAt, "finishedAt is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
  }

  /** The state of a newly accepted invocation. */
  public static InvocationState initial(Instant now, Instant availableAt, Instant deadlineAt) {
    return new InvocationState(
        InvocationStatus.PENDING, 0, 0, availableAt, deadlineAt, Optional.empty(), false,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, now);
  }

  /** Attempts used in the current chain. */
  public int attemptsInChain() {
    return attempt - chainStart;
  }
}
