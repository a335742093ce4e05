package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.WorkerEndpoints;
import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.HeartbeatResult;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews all running leases in one call every third of the lease length, and acts on the answer:
 * cancelled leases are interrupted and acknowledged, lost ones are interrupted and abandoned.
 */
final class Heartbeater {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeater.class);

  private final WorkerEndpoints endpoints;
  private final WorkerConfig config;
  private final WorkerState state;
  private final ScheduledExecutorService scheduler;

  Heartbeater(WorkerEndpoints endpoints, WorkerConfig config, WorkerState state) {
    this.endpoints = endpoints;
    this.config = config;
    this.state = state;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(task, "dispatch-worker-" + config.agent() + "-heartbeat");
          thread.setDaemon(true);
          return thread;
        });
  }

  void start() {
    long period = config.heartbeatInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::beatSafely, period, period, TimeUnit.MILLISECONDS);
  }

  void stop() {
    scheduler.shutdownNow();
  }

  private void beatSafely() {
    try {
      beat();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log and wait for the next beat.
      LOG.warn("heartbeat for {} leases failed: {}", state.registry().size(), e.getMessage());
    }
  }

  void beat() {
    List<String> ids = state.registry().activeIds();
    if (!ids.isEmpty()) {
      apply(endpoints.heartbeat(config.workerId(), ids, config.leaseSeconds()));
    }
  }

  void apply(HeartbeatResult result) {
    result
        .inputs()
        .forEach((id, inputs) -> state.registry().get(id).ifPresent(r -> r.inbox().offer(inputs)));
    for (String id : result.cancelled()) {
      state
          .registry()
          .get(id)
          .filter(RunningLease::cancel)
          .ifPresent(r -> {
            LOG.info(
                "invocation {} was cancelled; interrupting its handler", r.lease().invocationId());
            state.outbox().result(CompletionResult.cancelled(id));
          });
    }
    for (String id : result.lost()) {
      state
          .registry()
          .get(id)
          .filter(RunningLease::lose)
          .ifPresent(r ->
              LOG.warn(
                  "lease {} of invocation {} was lost; abandoning it",
                  id,
                  r.lease().invocationId()));
    }
  }
}
