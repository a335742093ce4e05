package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.AgentRegistration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The threads of a started worker, started together and stopped in a fixed order. */
final class WorkerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);
  private static final int MAX_QUEUED_EVENTS = 10_000;
  private static final Duration LEASE_LOOP_JOIN = Duration.ofSeconds(10);
  private static final Duration COMPLETION_FLUSH = Duration.ofSeconds(15);

  private final WorkerConfig config;
  private final WorkerState state;
  private final Heartbeater heartbeater;
  private final LeaseLoop leaseLoop;

  WorkerRuntime(
      WorkerConfig config,
      DispatchClient client,
      AgentRegistration registration,
      Map<String, FunctionHandler> handlers,
      boolean registered,
      HandlerTracing tracing) {
    this.config = config;
    String prefix = "dispatch-worker-" + config.agent();
    this.state =
        new WorkerState(
            new LeaseRegistry(),
            new Slots(config.concurrency()),
            HandlerThreads.create(prefix + "-handler-", config.virtualThreads()),
            new Outbox(
                prefix + "-outbox",
                config.maxBatch(),
                config.completionLinger(),
                new EventSender(client.workers(), config.workerId()),
                new CompletionSender(client.workers(), config.workerId(), reconnectBackoff()),
                MAX_QUEUED_EVENTS));
    this.heartbeater = new Heartbeater(client.workers(), config, state);
    Dispatcher dispatcher = new Dispatcher(config, client, handlers, state, tracing);
    this.leaseLoop =
        new LeaseLoop(
            config,
            client,
            registration,
            state.slots(),
            dispatcher,
            reconnectBackoff(),
            registered);
  }

  static Backoff reconnectBackoff() {
    return new Backoff(
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  boolean usesVirtualThreads() {
    return state.threads().isVirtual();
  }

  void start() {
    state.outbox().start();
    heartbeater.start();
    leaseLoop.start();
  }

  /**
   * Stops intake first, lets handlers finish within the grace period (heartbeats keep their leases
   * alive meanwhile), abandons the rest, then flushes results and events.
   */
  void shutdown(Duration grace) {
    try {
      leaseLoop.stop(LEASE_LOOP_JOIN);
      if (!state.slots().awaitAllFree(grace)) {
        int abandoned = state.registry().abandonAll();
        LOG.warn(
            "{} handlers of {} still ran after the {} s grace period; interrupted them and left "
                + "their leases to expire",
            abandoned,
            config.workerId(),
            grace.toSeconds());
      }
      heartbeater.stop();
      state.outbox().close(COMPLETION_FLUSH);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.registry().abandonAll();
      heartbeater.stop();
    } finally {
      state.threads().shutdown();
    }
  }
}
