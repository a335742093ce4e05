package dev.agentdispatch.server.delivery;

import com.agentservice.v1.AgentServiceGrpc;
import com.agentservice.v1.InvokeRequest;
import com.agentservice.v1.InvokeResponse;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.Lease;
import dev.agentdispatch.store.invocation.Completion;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One leased attempt pushed to its agent: one {@code Invoke} call, which {@link #stop} cancels from
 * another thread (a cancel request or a lost lease seen by a heartbeat, or shutdown).
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
  private ClientCall<InvokeRequest, InvokeResponse> call;

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
   * Calls the agent and waits for the answer; the report to make, or empty when there is none to
   * make (the lease was lost, or this node is shutting down).
   */
  Optional<Completion> run(Channel channel, InvokeRequest request, Instant now)
      throws InterruptedException {
    long millis = Math.max(0, Duration.between(now, deadline()).toMillis());
    CompletableFuture<InvokeResponse> answer = new CompletableFuture<>();
    synchronized (this) {
      if (stopped != null) {
        return afterStop(stopped);
      }
      // The call is started under the lock so that stop() never cancels a call not yet started.
      call =
          channel.newCall(
              AgentServiceGrpc.getInvokeMethod(),
              CallOptions.DEFAULT.withDeadlineAfter(millis, TimeUnit.MILLISECONDS));
      ClientCalls.asyncUnaryCall(call, request, completing(answer));
    }
    try {
      return Optional.of(AttemptOutcomes.fromResponse(leaseId(), answer.get()));
    } catch (ExecutionException e) {
      Stop why = stopReason();
      return why != null
          ? afterStop(why)
          : Optional.of(AttemptOutcomes.fromStatus(leaseId(), Status.fromThrowable(e.getCause())));
    } catch (InterruptedException e) {
      stop(Stop.SHUTDOWN);
      throw e;
    }
  }

  /** Cancels the call (once; the first reason wins). */
  synchronized void stop(Stop why) {
    if (stopped != null) {
      return;
    }
    stopped = why;
    if (call != null) {
      call.cancel("attempt stopped: " + why, null);
    }
  }

  private synchronized Stop stopReason() {
    return stopped;
  }

  private Optional<Completion> afterStop(Stop why) {
    return why == Stop.CANCEL_REQUESTED
        ? Optional.of(new Completion.CancelAcknowledged(leaseId()))
        : Optional.empty();
  }

  private static StreamObserver<InvokeResponse> completing(CompletableFuture<InvokeResponse> f) {
    return new StreamObserver<>() {
      @Override
      public void onNext(InvokeResponse value) {
        f.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        f.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        // A unary call has delivered its one response by now; a call without one ends in onError.
      }
    };
  }
}
