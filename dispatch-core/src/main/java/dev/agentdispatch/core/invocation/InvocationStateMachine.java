package dev.agentdispatch.core.invocation;

import static dev.agentdispatch.core.invocation.InvocationStatus.CANCELLED;
import static dev.agentdispatch.core.invocation.InvocationStatus.COMPLETED;
import static dev.agentdispatch.core.invocation.InvocationStatus.ERROR;
import static dev.agentdispatch.core.invocation.InvocationStatus.PENDING;
import static dev.agentdispatch.core.invocation.InvocationStatus.RUNNING;
import static dev.agentdispatch.core.invocation.InvocationStatus.TIMED_OUT;
import static dev.agentdispatch.core.invocation.InvocationStatus.WAITING_FOR_INPUT;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * The one place where an invocation changes state (DESIGN §2). Every operation checks the
 * transition table and returns a {@link Transition}; the stores only persist what it computes.
 *
 * <p>Pure: time comes in as an argument and randomness (backoff jitter) from the injected supplier.
 */
public final class InvocationStateMachine {
  private static final Map<InvocationStatus, Set<InvocationStatus>> LEGAL =
      Map.of(
          PENDING, EnumSet.of(RUNNING, CANCELLED, TIMED_OUT),
          RUNNING, EnumSet.of(COMPLETED, ERROR, PENDING, CANCELLED, TIMED_OUT, WAITING_FOR_INPUT),
          WAITING_FOR_INPUT, EnumSet.of(PENDING, CANCELLED, TIMED_OUT),
          COMPLETED, EnumSet.of(PENDING),
          ERROR, EnumSet.of(PENDING),
          CANCELLED, EnumSet.of(PENDING),
          TIMED_OUT, EnumSet.of(PENDING));

  private final DoubleSupplier random;

  /**
   * @param random uniform source in [0, 1) for backoff jitter
   */
  public InvocationStateMachine(DoubleSupplier random) {
    this.random = Objects.requireNonNull(random, "random is null");
  }

  /** True when the table allows a change from {@code from} to {@code to}. */
  public static boolean allowed(InvocationStatus from, InvocationStatus to) {
    return LEGAL.get(from).contains(to);
  }

  /** Starts a new attempt under a fresh lease. */
  public Transition lease(
      Invocation inv, String leaseId, String workerId, Duration leaseFor, Instant now) {
    InvocationState s = require(inv, RUNNING, "lease");
    Optional<Instant> attemptDeadline = inv.spec().attemptTimeout().map(now::plus);
    Lease lease = new Lease(leaseId, workerId, now.plus(leaseFor), attemptDeadline);
    // The new attempt has no outcome yet; the previous attempt's error lives on in the attempt
    // history.
    InvocationState next =
        s.withoutOutcome()
            .withStatus(RUNNING)
            .withAttempt(s.attempt() + 1)
            .withLease(Optional.of(lease))
            .withStartedAt(s.startedAt().or(() -> Optional.of(now)))
            .withUpdatedAt(now);
    return new Transition(inv, inv.with(next), "attempt_started", Optional.empty());
  }

  /** Extends the lease of a running attempt; not a status change. */
  public Invocation extendLease(Invocation inv, Duration leaseFor, Instant now) {
    InvocationState s = inv.state();
    Lease lease =
        s.lease()
            .orElseThrow(() -> new IllegalTransitionException(inv.id(), s.status(), "heartbeat"));
    if (s.status() != RUNNING) {
      throw new IllegalTransitionException(inv.id(), s.status(), "heartbeat");
    }
    Instant expiry = now.plus(leaseFor);
    if (lease.expiresAt().isAfter(expiry)) {
      expiry = lease.expiresAt();
    }
    return inv.with(s.withLease(Optional.of(lease.extendedTo(expiry))).withUpdatedAt(now));
  }

  /**
   * The worker finished the attempt successfully. A late result still wins over a pending cancel.
   */
  public Transition complete(Invocation inv, String resultJson, Instant now) {
    require(inv, COMPLETED, "complete");
    InvocationState next =
        finished(inv.state(), COMPLETED, now).withResult(Optional.of(resultJson));
    return ended(inv, next, "completed", "completed", Optional.empty(), now);
  }

  /**
   * The worker reported a failed attempt. Retries with backoff while attempts remain and the error
   * is retryable; otherwise ends in {@code error} on the dead-letter list. A failure after a cancel
   * request ends the invocation as cancelled.
   */
  public Transition fail(Invocation inv, ErrorInfo error, boolean retryable, Instant now) {
    requireRunning(inv, "fail");
    if (inv.state().cancelRequested()) {
      return cancelRunning(inv, "cancelled", Optional.of(error), now);
    }
    return failAttempt(inv, error, retryable, "error", now);
  }

  /** The worker stopped after learning of a cancel request. */
  public Transition acknowledgeCancel(Invocation inv, Instant now) {
    requireRunning(inv, "acknowledge cancel of");
    return cancelRunning(inv, "cancelled", Optional.empty(), now);
  }

  /** The lease ran out without a heartbeat: the attempt failed with {@code lease_expired}. */
  public Transition expireLease(Invocation inv, Instant now) {
    requireRunning(inv, "expire the lease of");
    ErrorInfo error = ErrorInfo.of(ErrorInfo.LEASE_EXPIRED, "lease expired without a heartbeat");
    if (inv.state().cancelRequested()) {
      return cancelRunning(inv, ErrorInfo.LEASE_EXPIRED, Optional.of(error), now);
    }
    return failAttempt(inv, error, true, ErrorInfo.LEASE_EXPIRED, now);
  }

  /**
   * The lease never reached its worker: the worker hung up while its lease request waited, so the
   * answer naming the lease could not be delivered. The attempt ends {@code undelivered} and the
   * invocation is claimable again at once, without using up an attempt of its retry budget: the
   * work never started, so the chain's start moves up by the attempt. A cancel requested meanwhile
   * ends it cancelled, as a worker's acknowledgement would.
   */
  public Transition giveBack(Invocation inv, Instant now) {
    requireRunning(inv, "give back the lease of");
    if (inv.state().cancelRequested()) {
      return cancelRunning(inv, UNDELIVERED, Optional.empty(), now);
    }
    InvocationState s = inv.state();
    InvocationState next = released(s, PENDING, now).withChainStart(s.chainStart() + 1);
    return ended(inv, next, "lease_returned", UNDELIVERED, Optional.empty(), now);
  }

  /** The outcome of an attempt whose lease never reached its worker. */
  public static final String UNDELIVERED = "undelivered";

  /** The attempt ran past its attempt timeout. */
  public Transition timeOutAttempt(Invocation inv, Instant now) {
    requireRunning(inv, "time out the attempt of");
    ErrorInfo error =
        ErrorInfo.of(ErrorInfo.ATTEMPT_TIMED_OUT, "attempt ran past attempt_timeout_seconds");
    if (inv.state().cancelRequested()) {
      // A requested cancel wins over a retry, as it does when the lease expires: the run ends
      // cancelled.
      return cancelRunning(inv, ErrorInfo.ATTEMPT_TIMED_OUT, Optional.of(error), now);
    }
    return failAttempt(inv, error, true, ErrorInfo.ATTEMPT_TIMED_OUT, now);
  }

  /** The overall deadline passed. */
  public Transition timeOut(Invocation inv, Instant now) {
    require(inv, TIMED_OUT, "time out");
    ErrorInfo error =
        ErrorInfo.of(
            ErrorInfo.TIMED_OUT,
            "invocation passed its deadline of " + inv.spec().timeout().toSeconds() + " s");
    InvocationState next = finished(inv.state(), TIMED_OUT, now).withError(Optional.of(error));
    return ended(inv, next, "timed_out", "timed_out", Optional.of(error), now);
  }

  /**
   * Cancels: a pending or waiting invocation ends at once; a running one is marked {@code
   * cancel_requested} and ends when its worker acknowledges or its lease expires.
   */
  public Transition cancel(Invocation inv, Instant now) {
    InvocationState s = inv.state();
    if (s.status() == RUNNING) {
      if (s.cancelRequested()) {
        return new Transition(inv, inv, "cancel_requested", Optional.empty());
      }
      // Every non-terminal state is off the dead-letter list.
      InvocationState next = s.withCancelRequested(true).withDeadLettered(false).withUpdatedAt(now);
      return new Transition(inv, inv.with(next), "cancel_requested", Optional.empty());
    }
    require(inv, CANCELLED, "cancel");
    InvocationState next = finished(s, CANCELLED, now);
    return new Transition(inv, inv.with(next), "cancelled", Optional.empty());
  }

  /**
   * The worker reports that the run waits for input (e.g. an approval): the attempt ends and the
   * lease is released, so no worker slot is held while waiting. {@code promptJson} (what the run
   * waits for) is kept as the result until the run resumes. A cancel requested meanwhile wins: the
   * run ends cancelled.
   */
  public Transition park(Invocation inv, String promptJson, Instant now) {
    requireRunning(inv, "park");
    if (inv.state().cancelRequested()) {
      return cancelRunning(inv, "cancelled", Optional.empty(), now);
    }
    InvocationState next =
        released(inv.state(), WAITING_FOR_INPUT, now).withResult(Optional.of(promptJson));
    return ended(inv, next, "waiting_for_input", "waiting_for_input", Optional.empty(), now);
  }

  /**
   * An input arrived for a run waiting for one: it becomes claimable at once, as a new attempt
   * chain (a fresh retry budget) with a fresh deadline, since the time spent waiting was a
   * person's, not the work's.
   */
  public Transition resume(Invocation inv, Instant now) {
    InvocationState s = inv.state();
    if (s.status() != WAITING_FOR_INPUT) {
      throw new IllegalTransitionException(inv.id(), s.status(), "resume");
    }
    return new Transition(inv, inv.with(newChain(inv, now)), "resumed", Optional.empty());
  }

  /** Re-runs a terminal invocation as a new attempt chain with a fresh budget and deadline. */
  public Transition retry(Invocation inv, Instant now) {
    InvocationState s = inv.state();
    if (!s.status().terminal()) {
      throw new IllegalTransitionException(inv.id(), s.status(), "retry");
    }
    return new Transition(inv, inv.with(newChain(inv, now)), "retried", Optional.empty());
  }

  private Transition failAttempt(
      Invocation inv, ErrorInfo error, boolean retryable, String outcome, Instant now) {
    InvocationState s = inv.state();
    RetryPolicy policy = inv.spec().retry();
    boolean attemptsLeft = s.attemptsInChain() < policy.maxAttempts();
    if (retryable && attemptsLeft && policy.retries(error.type())) {
      Instant availableAt = now.plus(policy.backoffBefore(s.attemptsInChain() + 1, random));
      InvocationState next =
          released(s, PENDING, now).withAvailableAt(availableAt).withError(Optional.of(error));
      return ended(inv, next, "retry_scheduled", outcome, Optional.of(error), now);
    }
    InvocationState next =
        finished(s, ERROR, now).withError(Optional.of(error)).withDeadLettered(true);
    return ended(inv, next, "failed", outcome, Optional.of(error), now);
  }

  private Transition cancelRunning(
      Invocation inv, String outcome, Optional<ErrorInfo> error, Instant now) {
    return ended(inv, finished(inv.state(), CANCELLED, now), "cancelled", outcome, error, now);
  }

  private static Transition ended(
      Invocation inv,
      InvocationState next,
      String event,
      String outcome,
      Optional<ErrorInfo> error,
      Instant now) {
    Optional<AttemptOutcome> attempt =
        inv.status() == RUNNING
            ? Optional.of(new AttemptOutcome(inv.state().attempt(), outcome, error, now))
            : Optional.empty();
    return new Transition(inv, inv.with(next), event, attempt);
  }

  /**
   * {@code s} ended in terminal {@code status} at {@code now}: lease released, no result or error
   * unless the caller adds one. {@code cancelRequested} is kept: it records that a cancel was asked
   * for, even when a late result won.
   */
  private static InvocationState finished(InvocationState s, InvocationStatus status, Instant now) {
    return s.withoutOutcome()
        .withStatus(status)
        .withLease(Optional.empty())
        .withFinishedAt(Optional.of(now))
        .withUpdatedAt(now);
  }

  /**
   * {@code s} no longer running but not terminal ({@code status} is pending or waiting): lease
   * released and cancel request cleared, which only means something while running (anything else is
   * cancelled at once).
   */
  private static InvocationState released(InvocationState s, InvocationStatus status, Instant now) {
    return s.withoutOutcome()
        .withStatus(status)
        .withLease(Optional.empty())
        .withCancelRequested(false)
        .withUpdatedAt(now);
  }

  /** A fresh attempt chain, claimable at once: a new retry budget and a new deadline. */
  private static InvocationState newChain(Invocation inv, Instant now) {
    InvocationState s = inv.state();
    return released(s, PENDING, now)
        .withChainStart(s.attempt())
        .withAvailableAt(now)
        .withDeadlineAt(now.plus(inv.spec().timeout()));
  }

  private static InvocationState require(Invocation inv, InvocationStatus to, String operation) {
    if (!allowed(inv.status(), to)) {
      throw new IllegalTransitionException(inv.id(), inv.status(), operation);
    }
    return inv.state();
  }

  private static void requireRunning(Invocation inv, String operation) {
    if (inv.status() != RUNNING) {
      throw new IllegalTransitionException(inv.id(), inv.status(), operation);
    }
  }
}
