package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.DispatchApiException;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.AgentRegistration;
import dev.agentdispatch.sdk.model.Lease;
import dev.agentdispatch.sdk.model.LeaseRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's intake, on one named thread: takes every free slot, long-polls for that many leases,
 * hands them to the dispatcher, repeats. When the server is unreachable it logs and retries with
 * backoff; it never dies. A 404 (the server forgot the agent) triggers a new registration.
 */
final class LeaseLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseLoop.class);

  private final WorkerConfig config;
  private final DispatchClient client;
  private final AgentRegistration registration;
  private final List<String> functions;
  private final Slots slots;
  private final Dispatcher dispatcher;
  private final Backoff backoff;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean registered;
  private int failures;

  LeaseLoop(
      WorkerConfig config,
      DispatchClient client,
      AgentRegistration registration,
      Slots slots,
      Dispatcher dispatcher,
      Backoff backoff,
      boolean registered) {
    this.config = config;
    this.client = client;
    this.registration = registration;
    this.functions =
        registration.functions().stream().map(f -> f.name()).collect(Collectors.toList());
    this.slots = slots;
    this.dispatcher = dispatcher;
    this.backoff = backoff;
    this.registered = registered;
    // Not a daemon: a process whose main thread only starts a worker keeps serving.
    this.thread = new Thread(this, "dispatch-worker-" + config.agent() + "-lease");
  }

  void start() {
    thread.start();
  }

  /** Stops intake: an in-flight long poll is interrupted, and no new lease is requested. */
  void stop(Duration join) throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(join.toMillis());
  }

  @Override
  public void run() {
    while (!stopping) {
      try {
        ensureRegistered();
        pollOnce();
        onSuccess();
      } catch (InterruptedException e) {
        // stop() interrupts us; the loop condition decides.
      } catch (RuntimeException e) {
        if (!stopping) {
          onFailure(e);
        }
      }
    }
    LOG.debug("lease loop of {} stopped", config.workerId());
  }

  private void ensureRegistered() {
    if (!registered) {
      client.upsertAgent(config.agent(), registration);
      registered = true;
      LOG.info("registered agent {} with functions {}", config.agent(), functions);
    }
  }

  private void pollOnce() throws InterruptedException {
    int free = slots.takeAllFree();
    List<Lease> leases;
    try {
      leases =
          client
              .workers()
              .lease(
                  new LeaseRequest(
                      config.workerId(),
                      config.agent(),
                      functions,
                      free,
                      config.pollWait().toMillis(),
                      config.leaseSeconds()));
    } catch (RuntimeException e) {
      slots.release(free);
      throw e;
    }
    slots.release(free - leases.size());
    leases.forEach(dispatcher::dispatch);
    if (leases.size() > free) {
      // The server granted more than asked: run them, and lease nothing until slots free up.
      slots.takeOverdraft(leases.size() - free);
    }
  }

  private void onSuccess() {
    if (failures > 0) {
      LOG.info("worker {} reconnected after {} failed attempts", config.workerId(), failures);
    }
    failures = 0;
    backoff.reset();
  }

  private void onFailure(RuntimeException e) {
    failures++;
    if (e instanceof DispatchApiException && ((DispatchApiException) e).status() == 404) {
      registered = false; // e.g. a server with a fresh database: register again
    }
    Duration delay = backoff.next();
    if (failures == 1 || failures % 20 == 0) {
      LOG.warn(
          "worker {} cannot lease work (failure {}), retrying in {} ms: {}",
          config.workerId(),
          failures,
          delay.toMillis(),
          e.getMessage());
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException interrupted) {
      // stop() interrupts us; the loop condition decides.
    }
  }
}
