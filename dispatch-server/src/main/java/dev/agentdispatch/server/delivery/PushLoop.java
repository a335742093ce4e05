package dev.agentdispatch.server.delivery;

import com.agentservice.v1.HealthCheckResponse.ServingStatus;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.workers.WorkerRequests;
import dev.agentdispatch.server.app.workers.WorkerService;
import dev.agentdispatch.server.logging.LogIds;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.HeartbeatResult;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one push agent's work from this node: long-polls leases (that do not count as the
 * agent's liveness), runs each attempt on its own virtual thread (at most {@link #MAX_IN_FLIGHT} at
 * once) over the transport of the agent's delivery mode, renews the leases of the calls in flight
 * in one heartbeat, and health-checks a gRPC agent. While a gRPC agent answers {@code NOT_SERVING}
 * this node leases none of its work: the invocations wait, as a pull agent's wait for a worker.
 */
final class PushLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PushLoop.class);

  static final int MAX_IN_FLIGHT = 64;

  /** At most this many attempts per lease request, so several nodes share a burst. */
  private static final int MAX_BATCH = 16;

  private static final Duration LEASE_WAIT = Duration.ofSeconds(2);

  /**
   * Short: a push in flight is renewed every third of it, so a dead node's attempts are retried
   * soon, and a cancel request reaches the call within a third of it.
   */
  static final Duration LEASE_FOR = Duration.ofSeconds(9);

  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(2);

  /**
   * An HTTP agent's answers count as signs of life, but a busy one answers far more often than
   * liveness needs recording (a write each): well within the 60 s window is enough.
   */
  private static final Duration ALIVE_EVERY = Duration.ofSeconds(5);

  /**
   * After a failed lease request (e.g. the store is unavailable), wait this long before the next.
   */
  private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

  /** A call stopped returns at once; this bounds a store write of a report racing the stop. */
  static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final String namespace;
  private final String delivererId;
  private final WorkerService workers;
  private final AgentService agents;
  private final PushTransports transports;
  private final Clock clock;
  private final Duration healthEvery;
  private final ServerMeters meters;
  private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
  private final Map<String, PushAttempt> inFlight = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastAnswerRecorded = new AtomicReference<>(Instant.EPOCH);
  private final List<Thread> threads = new ArrayList<>();
  private volatile AgentSpec spec;
  private volatile boolean running = true;

  /** The gRPC target whose latest health answer was {@code NOT_SERVING}, if any. */
  private Optional<Delivery.Grpc> notServing = Optional.empty();

  PushLoop(
      AgentSpec spec,
      String delivererId,
      WorkerService workers,
      AgentService agents,
      PushTransports transports,
      Clock clock,
      Duration healthEvery,
      ServerMeters meters) {
    this.meters = meters;
    this.namespace = spec.namespace();
    this.spec = spec;
    this.delivererId = delivererId;
    this.workers = workers;
    this.agents = agents;
    this.transports = transports;
    this.clock = clock;
    this.healthEvery = healthEvery;
  }

  PushLoop start() {
    String name = "push-" + namespace + "/" + spec.name();
    threads.add(Thread.ofVirtual().name(name + "-lease").start(this::leaseLoop));
    threads.add(Thread.ofVirtual().name(name + "-heartbeat").start(this::heartbeatLoop));
    threads.add(Thread.ofVirtual().name(name + "-health").start(this::healthLoop));
    return this;
  }

  /** Takes a newer registration of the agent (e.g. a new address) for the next attempts. */
  synchronized void update(AgentSpec newer) {
    spec = newer;
    notifyAll(); // a hold on the old address no longer applies
  }

  /** Where the agent is pushed to now. */
  Delivery delivery() {
    return spec.delivery();
  }

  /** Waits while the agent, at its current address, says it does not serve. */
  private synchronized void awaitServing() throws InterruptedException {
    while (running && notServing.filter(spec.delivery()::equals).isPresent()) {
      wait();
    }
  }

  private synchronized void serving(Delivery.Grpc target, boolean serves) {
    notServing = serves ? Optional.empty() : Optional.of(target);
    notifyAll();
  }

  private void leaseLoop() {
    // A gRPC agent's first answer comes before its first lease, so an agent that starts out not
    // serving gets no push; later changes take effect within a lease poll.
    if (spec.delivery() instanceof Delivery.Grpc target) {
      check(target);
    }
    while (running) {
      try {
        awaitServing();
        slots.acquire();
        int extra = slots.drainPermits();
        int take = Math.min(extra, MAX_BATCH - 1);
        slots.release(extra - take);
        int asked = 1 + take;
        List<Invocation> leased = List.of();
        try {
          leased =
              workers.lease(
                  namespace,
                  WorkerRequests.Lease.forPush(
                      delivererId, spec.name(), asked, LEASE_WAIT, LEASE_FOR));
        } finally {
          slots.release(asked - leased.size());
        }
        for (Invocation invocation : leased) {
          PushAttempt attempt = new PushAttempt(invocation);
          inFlight.put(attempt.leaseId(), attempt);
          Thread.ofVirtual()
              .name("push-" + invocation.id())
              .start(() -> deliver(invocation, attempt));
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return; // the store call was interrupted by halt()
        }
        log.warn("leasing for push agent {}/{} failed; retrying", namespace, spec.name(), e);
        if (!pause(AFTER_FAILURE)) {
          return;
        }
      }
    }
  }

  @SuppressWarnings("try") // the resource's work is its close: the ids leave the MDC
  private void deliver(Invocation invocation, PushAttempt attempt) {
    // The invocation's ids go into every line logged about this attempt, its failure included.
    try (LogIds ids = LogIds.of(invocation)) {
      deliverLogged(invocation, attempt);
    }
  }

  private void deliverLogged(Invocation invocation, PushAttempt attempt) {
    try {
      AgentSpec agent = spec;
      Optional<PushOutcome> outcome =
          attempt.run(timeout -> transports.start(agent, invocation, timeout), clock.instant());
      outcome.ifPresent(o -> {
        meters.pushed(namespace, agent.name(), mode(agent.delivery()), outcomeOf(o.report()));
        log(o);
        // An HTTP agent has no health protocol: its answers are its signs of life. Recorded before
        // the report, so whoever sees the attempt end also sees the agent that answered it alive.
        if (o.agentAnswered()) {
          switch (agent.delivery()) {
            case Delivery.Http h -> answered("http:" + h.url());
            case Delivery.A2a a -> answered("a2a:" + a.cardUrl());
            case Delivery.Grpc g -> {} // its health checks say whether it is alive
            case Delivery.Pull p -> {}
          }
        }
        report(o.report());
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // E.g. the channels closed under us at shutdown: the lease expires and the attempt retries.
      log.warn("pushing invocation {} failed before the agent answered", invocation.id(), e);
    } finally {
      inFlight.remove(attempt.leaseId());
      slots.release();
    }
  }

  private static final Pattern DELIVERY_ERRORS =
      Pattern.compile(
          "Http\\d{3}|HttpUnavailable|Grpc[A-Za-z]+|A2a[A-Za-z0-9]+|InvalidAgentResponse"
              + "|attempt_timed_out");

  private static String mode(Delivery delivery) {
    return delivery.mode();
  }

  private static String outcomeOf(Completion report) {
    return switch (report) {
      case Completion.Completed c -> "ok";
      case Completion.WaitingForInput w -> "waiting_for_input";
      // Delivery's own error types are a fixed set; an agent's own error types are not (labels
      // must stay bounded), so they count as one.
      case Completion.Failed f ->
          DELIVERY_ERRORS.matcher(f.error().type()).matches() ? f.error().type() : "agent_error";
      case Completion.CancelAcknowledged c -> "cancelled";
      case Completion.Undelivered u -> "undelivered";
    };
  }

  /** Appends the outcome's log entries under its lease, before the report ends the lease. */
  private void log(PushOutcome outcome) {
    if (outcome.log().isEmpty()) {
      return;
    }
    String leaseId = outcome.report().leaseId();
    try {
      workers.appendEvents(
          namespace, new WorkerRequests.AppendEvents(delivererId, leaseId, outcome.log()));
    } catch (ServiceException.Conflict e) {
      // The attempt ended meanwhile: its report will be stale too.
      log.debug("push log for lease {} was stale: {}", leaseId, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("logging the push outcome of lease {} failed", leaseId, e);
    }
  }

  private void report(Completion completion) {
    try {
      workers.complete(namespace, new WorkerRequests.Complete(delivererId, List.of(completion)));
    } catch (ServiceException.Conflict e) {
      // The attempt ended meanwhile (timed out, lease expired): its outcome is already recorded.
      log.debug("push report for lease {} was stale: {}", completion.leaseId(), e.getMessage());
    } catch (RuntimeException e) {
      log.warn("recording the push result of lease {} failed", completion.leaseId(), e);
    }
  }

  /** Renews the leases of the calls in flight; stops the calls cancelled or no longer ours. */
  private void heartbeatLoop() {
    while (pause(LEASE_FOR.dividedBy(3))) {
      List<String> leases = List.copyOf(inFlight.keySet());
      if (leases.isEmpty()) {
        continue;
      }
      try {
        HeartbeatResult beat =
            workers
                .heartbeat(namespace, new WorkerRequests.Heartbeat(delivererId, leases, LEASE_FOR))
                .leases();
        beat.cancelled().forEach(id -> stop(id, PushAttempt.Stop.CANCEL_REQUESTED));
        beat.lost().forEach(id -> stop(id, PushAttempt.Stop.LEASE_LOST));
      } catch (RuntimeException e) {
        log.warn("renewing push leases of {}/{} failed", namespace, spec.name(), e);
      }
    }
  }

  private void stop(String leaseId, PushAttempt.Stop why) {
    PushAttempt attempt = inFlight.get(leaseId);
    if (attempt != null) {
      attempt.stop(why);
    }
  }

  /**
   * A gRPC agent's liveness follows its answers to {@code HealthCheck}, never this node's lease
   * polls: {@code SERVING} counts as a sign of life, {@code NOT_SERVING} marks it unhealthy and
   * holds this node's pushes until it serves again. A failed check changes neither: the pushes then
   * fail on their own, with the reason, and are retried.
   */
  private void healthLoop() {
    while (pause(healthEvery)) {
      if (spec.delivery() instanceof Delivery.Grpc target) {
        check(target);
      }
    }
  }

  private void check(Delivery.Grpc target) {
    try {
      ServingStatus status = transports.grpc().health(target, HEALTH_DEADLINE);
      switch (status) {
        case SERVING_STATUS_SERVING -> {
          serving(target, true);
          alive("grpc:" + target.address());
        }
        case SERVING_STATUS_NOT_SERVING -> {
          serving(target, false);
          agents.notServing(namespace, spec.name());
        }
        default ->
            log.debug(
                "health check of {}/{} at {} answered {}",
                namespace,
                spec.name(),
                target.address(),
                status);
      }
    } catch (StatusRuntimeException e) {
      log.debug(
          "health check of {}/{} at {} failed: {}", namespace, spec.name(), target.address(), e);
    } catch (RuntimeException e) {
      log.warn("health check of {}/{} at {} failed", namespace, spec.name(), target.address(), e);
    }
  }

  /** Records an HTTP agent's answer as a sign of life, at most once per {@link #ALIVE_EVERY}. */
  private void answered(String instance) {
    Instant now = clock.instant();
    Instant last = lastAnswerRecorded.get();
    if (last.plus(ALIVE_EVERY).isBefore(now) && lastAnswerRecorded.compareAndSet(last, now)) {
      alive(instance);
    }
  }

  private void alive(String instance) {
    try {
      agents.alive(namespace, spec.name(), instance);
    } catch (RuntimeException e) {
      log.warn("recording that {}/{} is alive failed", namespace, spec.name(), e);
    }
  }

  /** Sleeps; false when the loop is stopping. */
  private boolean pause(Duration d) {
    try {
      Thread.sleep(d);
      return running;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /**
   * Stops leasing and stops the calls in flight without a report: their leases expire and the
   * attempts are retried (by another node, or by a worker if the agent became pull). Returns at
   * once; {@link #awaitStopped} waits.
   */
  void halt() {
    synchronized (this) {
      running = false;
      notifyAll();
    }
    threads.forEach(Thread::interrupt);
    inFlight.values().forEach(a -> a.stop(PushAttempt.Stop.SHUTDOWN));
  }

  /** Waits up to {@code grace} for the loop's threads and the calls in flight to return. */
  void awaitStopped(Duration grace) {
    try {
      if (slots.tryAcquire(MAX_IN_FLIGHT, grace.toMillis(), TimeUnit.MILLISECONDS)) {
        slots.release(MAX_IN_FLIGHT);
      }
      for (Thread t : threads) {
        t.join(grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    halt();
    awaitStopped(STOP_GRACE);
  }
}
