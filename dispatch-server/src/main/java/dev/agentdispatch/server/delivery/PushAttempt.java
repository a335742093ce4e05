package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.Lease;
import dev.agentdispatch.store.invocation.Completion;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One leased attempt pushed to its agent: one call, over whichever transport, which {@link #stop}
 * cancels from another thread (a cancel request or a lost lease seen by a heartbeat, or shutdown).
 */
final class PushAttempt {
  /** Why an attempt was stopped before its call ended; each decides what is reported. */
  enum Stop {
    /** The invocation was cancelled: report {@code cancelled}. */
    CANCEL_REQUESTED,
    /** The lease is no longer ours: report nothing, whoever ended it did. */
    LEASE_LOST,
    /** This node stops delivering: report nothing, the lease expires and the attempt is retried. */
    SHUTDOWN
  }

  private final Invocation invocation;
  private final Lease lease;
  private Stop stopped;
  private PushCall call;

  PushAttempt(Invocation invocation) {
    this.invocation = invocation;
    this.lease =
        invocation
            .state()
            .lease()
            .orElseThrow(() -> new IllegalArgumentException("a pushed attempt must be leased"));
  }

  String leaseId() {
    return lease.leaseId();
  }

  /**
   * The call may run until the attempt times out or the invocation's deadline, whichever is first.
   */
  Instant deadline() {
    Instant overall = invocation.state().deadlineAt();
    return lease.attemptDeadline().filter(d -> d.isBefore(overall)).orElse(overall);
  }

  /**
   * Starts the call with {@code start} (given the time left until the deadline) and waits for its
   * end; the outcome to act on, or empty when there is no report to make (the lease was lost, or
   * this node is shutting down).
   */
  Optional<PushOutcome> run(Function<Duration, PushCall> start, Instant now)
      throws InterruptedException {
    Duration left = Duration.between(now, deadline());
    PushCall started;
    synchronized (this) {
      if (stopped != null) {
        return afterStop(stopped);
      }
      // The call is started under the lock so that stop() never misses a call being started.
      call = start.apply(left.isNegative() ? Duration.ZERO : left);
      started = call;
    }
    PushOutcome outcome;
    try {
      outcome = started.outcome().get();
    } catch (ExecutionException e) {
      // Transports complete normally; this is a bug, reported as a retryable failure.
      outcome =
          PushOutcome.unanswered(
              new Completion.Failed(
                  leaseId(), ErrorInfo.of("PushFailed", String.valueOf(e.getCause())), true));
    } catch (InterruptedException e) {
      stop(Stop.SHUTDOWN);
      throw e;
    }
    // A failure after a stop is the stop's doing; an answer that raced it is real (and wins, as a
    // worker's late result does).
    Stop why = stopReason();
    return why != null && outcome.report() instanceof Completion.Failed
        ? afterStop(why)
        : Optional.of(outcome);
  }

  /** Cancels the call (once; the first reason wins). */
  synchronized void stop(Stop why) {
    if (stopped != null) {
      return;
    }
    stopped = why;
    if (call != null) {
      call.cancel().run();
    }
  }

  private synchronized Stop stopReason() {
    return stopped;
  }

  private Optional<PushOutcome> afterStop(Stop why) {
    return why == Stop.CANCEL_REQUESTED
        ? Optional.of(PushOutcome.unanswered(new Completion.CancelAcknowledged(leaseId())))
        : Optional.empty();
  }
}
