package dev.agentdispatch.server;

import dev.agentdispatch.server.agents.AgentRoutes;
import dev.agentdispatch.server.agents.AgentService;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.ErrorMapper;
import dev.agentdispatch.server.api.Guard;
import dev.agentdispatch.server.api.Json;
import dev.agentdispatch.server.api.SystemRoutes;
import dev.agentdispatch.server.auth.Authenticator;
import dev.agentdispatch.server.events.EventRoutes;
import dev.agentdispatch.server.events.EventService;
import dev.agentdispatch.server.events.SubscriptionIndex;
import dev.agentdispatch.server.schedules.DeclaredSchedules;
import dev.agentdispatch.server.schedules.ScheduleRoutes;
import dev.agentdispatch.server.schedules.ScheduleService;
import dev.agentdispatch.server.schedules.Scheduler;
import dev.agentdispatch.server.traces.TraceRoutes;
import dev.agentdispatch.server.traces.TraceService;
import dev.agentdispatch.server.invocations.CompletionWaiters;
import dev.agentdispatch.server.invocations.InvocationRoutes;
import dev.agentdispatch.server.invocations.InvocationService;
import dev.agentdispatch.server.invocations.SchemaValidator;
import dev.agentdispatch.server.loops.BackgroundLoop;
import dev.agentdispatch.server.workers.WorkSignals;
import dev.agentdispatch.server.workers.WorkerRoutes;
import dev.agentdispatch.server.workers.WorkerService;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.open.Stores;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server node, wired explicitly (no container): store → services → HTTP faces and background loops.
 * Shutdown runs in a fixed order: stop admitting, release long-polls, finish in-flight HTTP calls, stop
 * the loops, flush and close the store.
 */
public final class DispatchServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DispatchServer.class);
  private static final int SWEEP_BATCH = 500;
  /** Schedules may have a seconds field: check often enough that a fire is at most this late. */
  private static final java.time.Duration SCHEDULER_INTERVAL = java.time.Duration.ofMillis(200);
  /** A whole request body may hold a batch of results, each up to a payload's size. */
  private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  private final ServerConfig config;
  private final Store store;
  private final WorkSignals signals;
  private final CompletionWaiters waiters;
  private final dev.agentdispatch.server.streams.LogWaiters logWaiters;
  private final Javalin app;
  private final List<BackgroundLoop> loops;
  private volatile boolean draining;

  private DispatchServer(ServerConfig config, Store store, Clock clock) {
    this.config = config;
    this.store = store;
    this.signals = new WorkSignals(clock);
    this.waiters = new CompletionWaiters();
    store.addListener(signals);
    store.addListener(waiters);
    this.logWaiters = new dev.agentdispatch.server.streams.LogWaiters();
    store.addListener(logWaiters);
    SchemaValidator schemas = new SchemaValidator();
    AgentService agents = new AgentService(store.agents(), new DeclaredSchedules(store.schedules(), clock), schemas, clock);
    SubscriptionIndex subscriptions = new SubscriptionIndex(agents, clock);
    agents.onChange(subscriptions::invalidate);
    EventService events = new EventService(store.events(), subscriptions, clock, config.maxPayloadBytes());
    ScheduleService schedules = new ScheduleService(store.schedules(), agents, clock);
    Scheduler scheduler = new Scheduler(store.schedules(), agents, clock);
    TraceService traces = new TraceService(store.invocations(), store.events());
    InvocationService invocations =
        new InvocationService(store.invocations(), agents, schemas, waiters, clock, config.maxPayloadBytes());
    WorkerService workers = new WorkerService(store.invocations(), store.agents(), store.sessions(), signals, clock);
    var sessions = new dev.agentdispatch.server.sessions.SessionService(store.sessions(), agents, schemas, clock,
        config.maxPayloadBytes());
    var memory = new dev.agentdispatch.server.memory.MemoryService(store.kv(), agents, clock);
    var streams = new dev.agentdispatch.server.streams.EventStreams(logWaiters,
        dev.agentdispatch.server.streams.EventStreams.KEEP_ALIVE, () -> !draining);
    Guard guard = new Guard(new Authenticator(config.authRequired(), store.keys()));
    this.app = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
      cfg.jsonMapper(new JavalinJackson3(Json.MAPPER, false));
      cfg.jetty.host = config.bind();
      cfg.jetty.port = config.port();
      ErrorMapper.install(cfg);
      cfg.routes.before("/v1/*", ctx -> {
        if (draining && !ctx.path().endsWith("/complete") && !ctx.path().endsWith("/heartbeat")) {
          throw ApiException.unavailable("the server is shutting down");
        }
      });
      SystemRoutes.register(cfg.routes, () -> !draining);
      AgentRoutes.register(cfg.routes, guard, agents);
      InvocationRoutes.register(cfg.routes, guard, invocations, streams, store.invocations());
      dev.agentdispatch.server.sessions.SessionRoutes.register(cfg.routes, guard, sessions, store.sessions(), streams);
      dev.agentdispatch.server.memory.MemoryRoutes.register(cfg.routes, guard, memory);
      WorkerRoutes.register(cfg.routes, guard, workers);
      EventRoutes.register(cfg.routes, guard, events);
      ScheduleRoutes.register(cfg.routes, guard, schedules);
      TraceRoutes.register(cfg.routes, guard, traces);
    });
    var inv = store.invocations();
    var leader = store.leadership();
    this.loops = List.of(
        new BackgroundLoop("scheduler", SCHEDULER_INTERVAL, SWEEP_BATCH,
            () -> leader.isLeader() ? scheduler.pass(SWEEP_BATCH) : 0),
        new BackgroundLoop("lease-sweeper", config.sweepInterval(), SWEEP_BATCH,
            () -> leader.isLeader() ? inv.sweepExpiredLeases(clock.instant(), SWEEP_BATCH) : 0),
        new BackgroundLoop("deadline-sweeper", config.sweepInterval(), SWEEP_BATCH,
            () -> leader.isLeader() ? inv.sweepDeadlines(clock.instant(), SWEEP_BATCH) : 0),
        new BackgroundLoop("retention", java.time.Duration.ofMinutes(1), SWEEP_BATCH,
            () -> leader.isLeader() ? prune(store, clock.instant().minus(config.retention())) : 0),
        new BackgroundLoop("kv-expiry", java.time.Duration.ofSeconds(30), SWEEP_BATCH,
            () -> leader.isLeader() ? memory.prune(SWEEP_BATCH) : 0));
  }

  /** One retention pass: finished invocations (with attempts and logs) and events older than the cutoff. */
  private static int prune(Store store, java.time.Instant cutoff) {
    return store.invocations().pruneFinishedBefore(cutoff, SWEEP_BATCH) + store.events().pruneBefore(cutoff, SWEEP_BATCH);
  }

  /** Opens the store named by the config and starts serving. */
  public static DispatchServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** As {@link #start(ServerConfig)}, with the clock every lease, deadline and schedule is judged by. */
  public static DispatchServer start(ServerConfig config, Clock clock) {
    Store store = Stores.open(config.dbUrl());
    try {
      DispatchServer server = new DispatchServer(config, store, clock);
      server.app.start();
      server.loops.forEach(BackgroundLoop::start);
      log.info("Agent Dispatch listening on http://{}:{} (store {}, auth {})", config.bind(), server.port(),
          store.describe(), config.authRequired() ? "required" : "off: loopback dev mode");
      return server;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public int port() {
    return app.port();
  }

  public Store store() {
    return store;
  }

  /** How many live event streams wait for their log to grow now (tests, metrics). */
  public int streamsWaiting() {
    return logWaiters.size();
  }

  public ServerConfig config() {
    return config;
  }

  @Override
  public void close() {
    draining = true;
    signals.close();
    waiters.releaseAll();
    logWaiters.releaseAll();
    app.stop();
    loops.forEach(BackgroundLoop::close);
    store.close();
    log.info("Agent Dispatch stopped");
  }
}
