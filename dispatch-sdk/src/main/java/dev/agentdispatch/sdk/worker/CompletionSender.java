package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.DispatchApiException;
import dev.agentdispatch.sdk.client.DispatchUnreachableException;
import dev.agentdispatch.sdk.client.WorkerEndpoints;
import dev.agentdispatch.sdk.model.CompletionAck;
import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.RejectedLease;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch of results in one {@code POST /workers/complete}, retrying while the server is
 * unreachable. Rejected results (stale leases) are logged, never retried: the server already moved
 * on.
 */
final class CompletionSender implements Consumer<List<CompletionResult>> {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionSender.class);
  static final int MAX_TRIES = 6;

  private final WorkerEndpoints endpoints;
  private final String workerId;
  private final Backoff backoff;

  CompletionSender(WorkerEndpoints endpoints, String workerId, Backoff backoff) {
    this.endpoints = endpoints;
    this.workerId = workerId;
    this.backoff = backoff;
  }

  @Override
  public void accept(List<CompletionResult> batch) {
    backoff.reset();
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      try {
        report(endpoints.complete(workerId, batch));
        return;
      } catch (DispatchUnreachableException e) {
        LOG.warn(
            "could not report {} results (try {}/{}): {}",
            batch.size(),
            attempt,
            MAX_TRIES,
            e.getMessage());
      } catch (DispatchApiException e) {
        if (!e.isTransient()) {
          LOG.error("server refused {} results: {}", batch.size(), e.getMessage());
          return;
        }
        LOG.warn(
            "server busy with {} results (try {}/{}): {}",
            batch.size(),
            attempt,
            MAX_TRIES,
            e.getMessage());
      }
      if (!pause(backoff.next())) {
        return;
      }
    }
    LOG.warn("gave up reporting {} results; their leases will expire and be retried", batch.size());
  }

  private static void report(CompletionAck ack) {
    for (RejectedLease rejected : ack.rejected()) {
      LOG.info(
          "server rejected the result of lease {} ({}); it was stale, dropping it",
          rejected.leaseId(),
          rejected.reason());
    }
  }

  private static boolean pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
