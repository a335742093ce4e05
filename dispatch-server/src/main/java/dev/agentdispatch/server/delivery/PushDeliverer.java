package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.workers.WorkerService;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.server.tracing.ServerTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push delivery on this node: one {@link PushLoop} per agent whose delivery is gRPC or HTTP, in
 * every namespace. Every node runs one; the leases decide which node pushes which attempt. The set
 * of loops follows the registered agents: at once for a registration on this node, and by a
 * periodic refresh for the ones made on another node (or deleted there).
 */
public final class PushDeliverer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PushDeliverer.class);

  /** How soon an agent registered through another node gets its loop here. */
  static final Duration REFRESH_EVERY = Duration.ofSeconds(3);

  private record AgentKey(String namespace, String name) {
    static AgentKey of(AgentSpec spec) {
      return new AgentKey(spec.namespace(), spec.name());
    }
  }

  private final AgentService agents;
  private final WorkerService workers;
  private final Clock clock;
  private final String delivererId = "push-" + Ids.uuid7();
  private final PushTransports transports;
  private final Duration healthEvery;
  private final ServerMeters meters;
  private final Map<AgentKey, PushLoop> loops = new HashMap<>();
  private final Thread refresher;
  private boolean closed;

  /**
   * A deliverer that pushes as {@code settings} say, each push a span of {@code tracing}.
   *
   * @throws IllegalArgumentException when the TLS files of {@code settings} cannot be used, naming
   *     the file and why
   */
  public PushDeliverer(
      AgentService agents,
      WorkerService workers,
      InvocationService invocations,
      SessionService sessions,
      Clock clock,
      PushSettings settings,
      ServerMeters meters,
      ServerTracing tracing) {
    this.meters = meters;
    this.agents = agents;
    this.workers = workers;
    this.clock = clock;
    this.healthEvery = settings.healthEvery();
    PushTls tls = PushTls.load(settings);
    this.transports =
        new PushTransports(
            new GrpcTransport(new AgentChannels(tls), clock),
            new HttpTransport(tls),
            new A2aTransport(tls, new A2aRuns(invocations, sessions)),
            tracing);
    this.refresher =
        Thread.ofPlatform().name("push-refresh").daemon(true).unstarted(this::refreshLoop);
  }

  /** Starts the loops of the push agents registered now and follows the registrations. */
  public void start() {
    agents.onChange(namespace ->
        Thread.ofVirtual().name("push-refresh-" + namespace).start(() -> refresh(namespace)));
    refresher.start();
  }

  private void refreshLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        reconcile(Optional.empty(), agents.listAll());
      } catch (RuntimeException e) {
        log.warn("refreshing the push agents failed; will retry", e);
      }
      try {
        Thread.sleep(REFRESH_EVERY);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void refresh(String namespace) {
    try {
      reconcile(Optional.of(namespace), agents.list(namespace));
    } catch (RuntimeException e) {
      log.warn("refreshing the push agents of namespace {} failed", namespace, e);
    }
  }

  /**
   * Makes the loops match the push agents found (in {@code namespace}, or in all): starts the
   * missing, hands newer specs to the running, stops those whose agent is gone or no longer push.
   */
  private synchronized void reconcile(Optional<String> namespace, List<RegisteredAgent> found) {
    if (closed) {
      return;
    }
    Map<AgentKey, AgentSpec> push =
        found.stream()
            .map(RegisteredAgent::spec)
            .filter(s -> !(s.delivery() instanceof Delivery.Pull))
            .collect(Collectors.toMap(AgentKey::of, s -> s));
    loops
        .entrySet()
        .removeIf(e -> {
          boolean inScope = namespace.map(e.getKey().namespace()::equals).orElse(true);
          if (!inScope || push.containsKey(e.getKey())) {
            return false;
          }
          log.info("stopped push delivery to {}/{}", e.getKey().namespace(), e.getKey().name());
          e.getValue().close();
          return true;
        });
    push.forEach((key, spec) -> {
      PushLoop loop = loops.get(key);
      if (loop != null) {
        loop.update(spec);
      } else {
        loops.put(
            key,
            new PushLoop(spec, delivererId, workers, agents, transports, clock, healthEvery, meters)
                .start());
        log.info("push delivery to {}/{} by {}", key.namespace(), key.name(), spec.delivery());
      }
    });
    Set<Delivery.Grpc> grpcTargets =
        loops.values().stream()
            .map(PushLoop::delivery)
            .<Delivery.Grpc>mapMulti((d, out) -> {
              if (d instanceof Delivery.Grpc g) {
                out.accept(g);
              }
            })
            .collect(Collectors.toSet());
    transports.grpc().retainOnly(grpcTargets);
  }

  /** How many push agents this node delivers to now (tests, metrics). */
  public synchronized int agents() {
    return loops.size();
  }

  /**
   * Stops every loop and cancels the calls in flight: their leases expire and the attempts are
   * retried, so nothing is lost. Call it before the store closes.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    refresher.interrupt();
    List<PushLoop> stopping;
    synchronized (this) {
      stopping = List.copyOf(loops.values());
      loops.clear();
    }
    stopping.forEach(PushLoop::halt);
    stopping.forEach(l -> l.awaitStopped(PushLoop.STOP_GRACE));
    transports.close();
    try {
      refresher.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
