package dev.agentdispatch.core.invocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The changing part of an invocation. Only {@link InvocationStateMachine} makes new values of it.
 *
 * @param attempt number of attempts started so far, over all chains
 * @param chainStart value of {@code attempt} when the current retry chain began (0, or the count at
 *     a manual retry), so a manual retry gets a fresh attempt budget
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
        InvocationStatus.PENDING,
        0,
        0,
        availableAt,
        deadlineAt,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        now);
  }

  /** Attempts used in the current chain. */
  public int attemptsInChain() {
    return attempt - chainStart;
  }

  // Withers, so each transition in InvocationStateMachine names only what it changes.
  // Package-private:
  // only the machine makes new states.

  /** This state with no result, error or finish time, and off the dead-letter list. */
  InvocationState withoutOutcome() {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        Optional.empty(),
        Optional.empty(),
        startedAt,
        Optional.empty(),
        false,
        updatedAt);
  }

  InvocationState withStatus(InvocationStatus value) {
    return new InvocationState(
        value,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withAttempt(int value) {
    return new InvocationState(
        status,
        value,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withChainStart(int value) {
    return new InvocationState(
        status,
        attempt,
        value,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withAvailableAt(Instant value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        value,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withDeadlineAt(Instant value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        value,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withLease(Optional<Lease> value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        value,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withCancelRequested(boolean value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        value,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withResult(Optional<String> value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        value,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withError(Optional<ErrorInfo> value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        value,
        startedAt,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withStartedAt(Optional<Instant> value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        value,
        finishedAt,
        deadLettered,
        updatedAt);
  }

  InvocationState withFinishedAt(Optional<Instant> value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        value,
        deadLettered,
        updatedAt);
  }

  InvocationState withDeadLettered(boolean value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        value,
        updatedAt);
  }

  InvocationState withUpdatedAt(Instant value) {
    return new InvocationState(
        status,
        attempt,
        chainStart,
        availableAt,
        deadlineAt,
        lease,
        cancelRequested,
        resultJson,
        error,
        startedAt,
        finishedAt,
        deadLettered,
        value);
  }
}
