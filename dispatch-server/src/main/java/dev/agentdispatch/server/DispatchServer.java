package dev.agentdispatch.server;

import dev.agentdispatch.server.agents.AgentRoutes;
import dev.agentdispatch.server.agents.AgentService;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.ErrorMapper;
import dev.agentdispatch.server.api.Guard;
import dev.agentdispatch.server.api.Json;
import dev.agentdispatch.server.api.SystemRoutes;
import dev.agentdispatch.server.auth.Authenticator;
import dev.agentdispatch.server.invocations.CompletionWaiters;
import dev.agentdispatch.server.invocations.InvocationRoutes;
import dev.agentdispatch.server.invocations.InvocationService;
import dev.agentdispatch.server.invocations.SchemaValidator;
import dev.agentdispatch.server.loops.BackgroundLoop;
import dev.agentdispatch.server.workers.WorkSignals;
import dev.agentdispatch.server.workers.WorkerRoutes;
import dev.agentdispatch.server.workers.WorkerService;
import dev.agentdispatch.store.Store;
import dev.agentdispatch.store.Stores;
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
  /** A whole request body may hold a batch of results, each up to a payload's size. */
  private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  private final ServerConfig config;
  private final Store store;
  private final WorkSignals signals;
  private final CompletionWaiters waiters;
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
    SchemaValidator schemas = new SchemaValidator();
    AgentService agents = new AgentService(store.agents(), schemas, clock);
    InvocationService invocations =
        new InvocationService(store.invocations(), agents, schemas, waiters, clock, config.maxPayloadBytes());
    WorkerService workers = new WorkerService(store.invocations(), store.agents(), signals, clock);
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
      InvocationRoutes.register(cfg.routes, guard, invocations);
      WorkerRoutes.register(cfg.routes, guard, workers);
    });
    var inv = store.invocations();
    var leader = store.leadership();
    this.loops = List.of(
        new BackgroundLoop("lease-sweeper", config.sweepInterval(), SWEEP_BATCH,
            () -> leader.isLeader() ? inv.sweepExpiredLeases(clock.instant(), SWEEP_BATCH) : 0),
        new BackgroundLoop("deadline-sweeper", config.sweepInterval(), SWEEP_BATCH,
            () -> leader.isLeader() ? inv.sweepDeadlines(clock.instant(), SWEEP_BATCH) : 0),
        new BackgroundLoop("retention", java.time.Duration.ofMinutes(1), SWEEP_BATCH,
            () -> leader.isLeader() ? inv.pruneFinishedBefore(clock.instant().minus(config.retention()), SWEEP_BATCH) : 0));
  }

  /** Opens the store named by the config and starts serving. */
  public static DispatchServer start(ServerConfig config) {
    Store store = Stores.open(config.dbUrl());
    try {
      DispatchServer server = new DispatchServer(config, store, Clock.systemUTC());
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

  public ServerConfig config() {
    return config;
  }

  @Override
  public void close() {
    draining = true;
    signals.close();
    waiters.releaseAll();
    app.stop();
    loops.forEach(BackgroundLoop::close);
    store.close();
    log.info("Agent Dispatch stopped");
  }
}
