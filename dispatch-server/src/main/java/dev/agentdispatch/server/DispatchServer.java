package dev.agentdispatch.server;

import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.DeclaredSchedules;
import dev.agentdispatch.server.app.auth.Authenticator;
import dev.agentdispatch.server.app.events.ClassHealthNotices;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.events.SubscriptionIndex;
import dev.agentdispatch.server.app.flow.FlowService;
import dev.agentdispatch.server.app.flow.RateLimiter;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.CallRouter;
import dev.agentdispatch.server.app.llm.budgets.BudgetService;
import dev.agentdispatch.server.app.llm.gateway.LlmGateway;
import dev.agentdispatch.server.app.llm.inference.InferenceService;
import dev.agentdispatch.server.app.llm.ledger.LlmLedger;
import dev.agentdispatch.server.app.llm.ledger.UsageService;
import dev.agentdispatch.server.app.llm.pricing.PriceTable;
import dev.agentdispatch.server.app.llm.pricing.PricingService;
import dev.agentdispatch.server.app.llm.routing.ProviderService;
import dev.agentdispatch.server.app.llm.routing.RoutingServices;
import dev.agentdispatch.server.app.memory.MemoryService;
import dev.agentdispatch.server.app.schedules.ScheduleService;
import dev.agentdispatch.server.app.schedules.Scheduler;
import dev.agentdispatch.server.app.schemas.SchemaValidator;
import dev.agentdispatch.server.app.sessions.SessionReservations;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.signals.WaitKey;
import dev.agentdispatch.server.app.signals.Waiters;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.app.tasks.TaskOutbox;
import dev.agentdispatch.server.app.tasks.TaskService;
import dev.agentdispatch.server.app.tasks.TrackerWebhooks;
import dev.agentdispatch.server.app.traces.TraceService;
import dev.agentdispatch.server.app.workers.WorkSignals;
import dev.agentdispatch.server.app.workers.WorkerService;
import dev.agentdispatch.server.config.ConfigFile;
import dev.agentdispatch.server.config.ConfigFileLoader;
import dev.agentdispatch.server.delivery.PushDeliverer;
import dev.agentdispatch.server.doors.a2a.A2aDoor;
import dev.agentdispatch.server.doors.dashboard.DashboardDoor;
import dev.agentdispatch.server.doors.dispatchagents.DispatchAgentsDoor;
import dev.agentdispatch.server.doors.http.EventStreams;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.HttpServer;
import dev.agentdispatch.server.doors.langgraph.LangGraphDoor;
import dev.agentdispatch.server.doors.mcp.McpDoor;
import dev.agentdispatch.server.doors.metrics.MetricsDoor;
import dev.agentdispatch.server.doors.v1.V1Door;
import dev.agentdispatch.server.loops.BackgroundLoop;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.server.tracing.InvocationSpans;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.open.Stores;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server node, wired explicitly (no container): store → services → doors and background loops.
 * Shutdown runs in a fixed order: stop admitting, stop pushing to agents, release long-polls,
 * finish in-flight HTTP calls, stop the loops, flush and close the store.
 */
public final class DispatchServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DispatchServer.class);
  private static final int SWEEP_BATCH = 500;

  /** Schedules may have a seconds field: check often enough that a fire is at most this late. */
  private static final Duration SCHEDULER_INTERVAL = Duration.ofMillis(200);

  private final ServerConfig config;
  private final ConfigFile configFile;
  private final Store store;
  private final ClassHealthNotices notices;
  private final WorkSignals signals;
  private final Waiters waiters;
  private final Javalin app;
  private final List<BackgroundLoop> loops;
  private final PushDeliverer pushes;
  private final LlmGateway llm;
  private final LlmLedger ledger;
  private final ServerMeters meters;
  private final ServerTracing tracing;
  private final Optional<InvocationSpans> spans;
  private volatile boolean draining;

  /**
   * Wrappers around the LLM gateway's real router and ledger, for tests that observe every call
   * routed and every settlement (the wrappers must delegate).
   */
  public record LlmParts(UnaryOperator<CallRouter> router, UnaryOperator<CallLedger> ledger) {}

  private DispatchServer(
      ServerConfig config,
      ConfigFile configFile,
      Store store,
      Clock clock,
      Optional<LlmParts> llmParts,
      ServerMeters meters,
      ServerTracing tracing) {
    this.config = config;
    this.meters = meters;
    this.tracing = tracing;
    this.configFile = configFile;
    this.store = store;
    this.signals = new WorkSignals(clock);
    this.waiters = new Waiters();
    store.addListener(signals);
    store.addListener(waiters);
    meters.watch(store, clock);
    this.spans = tracing.enabled() ? Optional.of(new InvocationSpans(tracing)) : Optional.empty();
    spans.ifPresent(store::addListener);
    Services services = services(config, store, clock, llmParts);
    configFile.apply(services.llmRouting(), services.pricing());
    this.llm = services.llm();
    this.notices = services.notices();
    this.ledger = services.ledger();
    Guard guard = new Guard(new Authenticator(config.authRequired(), store.keys()));
    EventStreams streams =
        new EventStreams(
            waiters, EventStreams.KEEP_ALIVE, () -> !draining, guard::stillAuthenticated);
    this.app =
        HttpServer.create(
            config.bind(),
            config.port(),
            !config.authRequired(),
            config.maxInFlight(),
            List.of(
                new V1Door(guard, services.v1(), streams, () -> draining),
                new DispatchAgentsDoor(
                    guard,
                    services.agents(),
                    services.invocations(),
                    services.events(),
                    services.memory(),
                    services.traces(),
                    services.sessions(),
                    services.flow(),
                    new DispatchAgentsDoor.LlmServices(
                        new InferenceService(services.llmRouting().router(), services.llm()),
                        services.llm(),
                        services.ledger(),
                        services.usage()),
                    () -> draining),
                new McpDoor(
                    guard,
                    services.agents(),
                    services.invocations(),
                    services.sessions(),
                    services.logs(),
                    clock,
                    () -> !draining),
                new MetricsDoor(guard, meters),
                new A2aDoor(
                    guard,
                    services.agents(),
                    services.sessions(),
                    services.invocations(),
                    config.authRequired(),
                    () -> draining),
                new LangGraphDoor(
                    guard,
                    services.agents(),
                    services.sessions(),
                    new SessionReservations(
                        store.kv(), services.sessions(), clock, config.maxPayloadBytes()),
                    services.invocations(),
                    services.logs(),
                    () -> !draining),
                new DashboardDoor()),
            meters.registry());
    this.loops = loops(config, store, services, clock);
    loops.forEach(l -> meters.watchLoop(l.name(), store.leadership(), l::handled, l::failures));
    this.pushes =
        new PushDeliverer(
            services.agents(),
            services.workers(),
            services.invocations(),
            services.sessions(),
            clock,
            config.push(),
            meters,
            tracing);
  }

  /** The application layer: every service, built once, shared by every door. */
  private record Services(
      AgentService agents,
      InvocationService invocations,
      WorkerService workers,
      SessionService sessions,
      EventService events,
      ScheduleService schedules,
      Scheduler scheduler,
      TraceService traces,
      MemoryService memory,
      LogService logs,
      RoutingServices llmRouting,
      LlmGateway llm,
      LlmLedger ledger,
      PricingService pricing,
      BudgetService budgets,
      UsageService usage,
      FlowService flow,
      ClassHealthNotices notices,
      TaskService tasks,
      TaskOutbox taskOutbox,
      TrackerWebhooks webhooks) {
    V1Door.Services v1() {
      return new V1Door.Services(
          agents,
          invocations,
          workers,
          sessions,
          events,
          schedules,
          traces,
          memory,
          logs,
          llmRouting,
          llm,
          ledger,
          pricing,
          budgets,
          usage,
          flow,
          tasks,
          webhooks);
    }
  }

  private Services services(
      ServerConfig config, Store store, Clock clock, Optional<LlmParts> llmParts) {
    SchemaValidator schemas = new SchemaValidator();
    AgentService agents =
        new AgentService(
            store.agents(),
            store.flow(),
            new DeclaredSchedules(store.schedules(), clock),
            schemas,
            clock);
    FlowService flow = new FlowService(store.flow(), agents, clock);
    SubscriptionIndex subscriptions = new SubscriptionIndex(agents, clock);
    agents.onChange(subscriptions::invalidate);
    int maxPayload = config.maxPayloadBytes();
    EventService events =
        new EventService(store.events(), subscriptions, clock, maxPayload, meters, tracing);
    ClassHealthNotices notices = new ClassHealthNotices(events);
    store.addListener(notices);
    PricingService pricing =
        new PricingService(store.llmPrices(), PriceTable.load(config.pricingFile()), clock);
    BudgetService budgets = new BudgetService(store.llmBudgets(), agents, clock);
    LlmLedger ledger =
        new LlmLedger(
            store.llmCalls(), store.llmBudgets(), pricing, budgets, events, clock, meters);
    RoutingServices routing =
        RoutingServices.create(store.llmRouting(), ProviderService.SYSTEM_ENV, clock);
    LlmGateway llm =
        new LlmGateway(
            llmParts.map(p -> p.router().apply(routing.router())).orElse(routing.router()),
            llmParts.<CallLedger>map(p -> p.ledger().apply(ledger)).orElse(ledger),
            config.llm(),
            clock,
            tracing);
    InvocationService invocations =
        new InvocationService(
            store.invocations(),
            agents,
            schemas,
            waiters,
            new RateLimiter(store.flow(), meters),
            clock,
            maxPayload,
            tracing);
    TaskService tasks = new TaskService(store.tasks(), agents, invocations, clock);
    return new Services(
        agents,
        invocations,
        new WorkerService(
            store.invocations(), store.agents(), store.sessions(), signals, flow, clock),
        new SessionService(store.sessions(), agents, schemas, clock, maxPayload, meters, tracing),
        events,
        new ScheduleService(store.schedules(), agents, clock, maxPayload),
        new Scheduler(store.schedules(), agents, clock, meters, tracing),
        new TraceService(store.invocations(), store.events(), store.llmCalls()),
        new MemoryService(store.kv(), agents, clock),
        new LogService(store.invocations(), store.sessions(), waiters),
        routing,
        llm,
        ledger,
        pricing,
        budgets,
        new UsageService(store.llmCalls(), clock),
        flow,
        notices,
        tasks,
        new TaskOutbox(store.tasks(), tasks, events, config.trackers(), clock),
        new TrackerWebhooks(tasks, events));
  }

  /** The leader's maintenance loops; on a follower each pass does nothing. */
  private static List<BackgroundLoop> loops(
      ServerConfig config, Store store, Services services, Clock clock) {
    var inv = store.invocations();
    var leader = store.leadership();
    return List.of(
        new BackgroundLoop(
            "scheduler",
            SCHEDULER_INTERVAL,
            SWEEP_BATCH,
            () -> leader.isLeader() ? services.scheduler().pass(SWEEP_BATCH) : 0),
        new BackgroundLoop(
            "lease-sweeper",
            config.sweepInterval(),
            SWEEP_BATCH,
            () -> leader.isLeader() ? inv.sweepExpiredLeases(clock.instant(), SWEEP_BATCH) : 0),
        new BackgroundLoop(
            "deadline-sweeper",
            config.sweepInterval(),
            SWEEP_BATCH,
            () -> leader.isLeader() ? inv.sweepDeadlines(clock.instant(), SWEEP_BATCH) : 0),
        new BackgroundLoop(
            "retention",
            Duration.ofMinutes(1),
            SWEEP_BATCH,
            () -> leader.isLeader() ? prune(store, clock.instant().minus(config.retention())) : 0),
        new BackgroundLoop(
            "kv-expiry",
            Duration.ofSeconds(30),
            SWEEP_BATCH,
            () -> leader.isLeader() ? services.memory().prune(SWEEP_BATCH) : 0),
        new BackgroundLoop(
            "llm-hold-expiry",
            // Holds expire after minutes; every 10 s (default sweep interval) is prompt enough.
            // Every node runs it: on PostgreSQL each node keeps its own calls' holds in memory.
            config.sweepInterval().multipliedBy(20),
            SWEEP_BATCH,
            () -> services.ledger().releaseExpired(SWEEP_BATCH)),
        new BackgroundLoop(
            "rate-bucket-expiry",
            // A full bucket is as good as none; forgetting them keeps per-key buckets bounded.
            Duration.ofMinutes(1),
            SWEEP_BATCH,
            () -> leader.isLeader() ? store.flow().pruneBuckets(clock.instant(), SWEEP_BATCH) : 0),
        // Tasks (DESIGN §11): route the waiting ones, time out the late ones, carry out the side
        // effects of their changes.
        new BackgroundLoop(
            "task-router",
            config.sweepInterval(),
            SWEEP_BATCH,
            () -> leader.isLeader() ? services.tasks().routePass(SWEEP_BATCH) : 0),
        new BackgroundLoop(
            "task-deadlines",
            config.sweepInterval(),
            SWEEP_BATCH,
            () -> leader.isLeader() ? services.tasks().deadlinePass(SWEEP_BATCH) : 0),
        new BackgroundLoop(
            "task-outbox",
            config.sweepInterval(),
            SWEEP_BATCH,
            () -> leader.isLeader() ? services.taskOutbox().pass(SWEEP_BATCH) : 0),
        new BackgroundLoop(
            "task-issues",
            // One GET per followed issue and pass: every 5 s (default sweep interval 500 ms).
            config.sweepInterval().multipliedBy(10),
            SWEEP_BATCH,
            () -> leader.isLeader() ? services.taskOutbox().followIssues(SWEEP_BATCH) : 0));
  }

  /**
   * One retention pass: finished invocations (with attempts and logs), ended tasks (with history)
   * and events older than the cutoff, and workers not seen since it.
   */
  private static int prune(Store store, Instant cutoff) {
    return store.invocations().pruneFinishedBefore(cutoff, SWEEP_BATCH)
        + store.tasks().pruneEndedBefore(cutoff, SWEEP_BATCH)
        + store.events().pruneBefore(cutoff, SWEEP_BATCH)
        + store.agents().pruneWorkersSeenBefore(cutoff, SWEEP_BATCH);
  }

  /** Opens the store named by the config and starts serving. */
  public static DispatchServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * As {@link #start(ServerConfig)}, with the clock every lease, deadline and schedule is judged
   * by.
   */
  public static DispatchServer start(ServerConfig config, Clock clock) {
    return start(config, clock, Optional.empty());
  }

  /**
   * As {@link #start(ServerConfig, Clock)}, with the LLM gateway's router and ledger wrapped (tests
   * that observe every settlement).
   */
  public static DispatchServer start(ServerConfig config, Clock clock, LlmParts llm) {
    return start(config, clock, Optional.of(llm));
  }

  /**
   * As {@link #start(ServerConfig, Clock)}, with spans recorded and exported as {@code tracing} is
   * set up (instead of as the process environment's {@code OTEL_*} variables say); the server
   * closes it when it closes.
   */
  public static DispatchServer start(ServerConfig config, Clock clock, ServerTracing tracing) {
    return start(config, clock, Optional.empty(), tracing);
  }

  private static DispatchServer start(ServerConfig config, Clock clock, Optional<LlmParts> llm) {
    return start(config, clock, llm, ServerTracing.fromEnvironment());
  }

  private static DispatchServer start(
      ServerConfig config, Clock clock, Optional<LlmParts> llm, ServerTracing tracing) {
    // A bad file fails the start before the database is touched.
    ConfigFile file;
    ServerMeters meters;
    Store store;
    try {
      file = config.configFile().map(ConfigFileLoader::load).orElseGet(ConfigFile::none);
      meters = config.metrics() ? ServerMeters.create(System::getenv) : ServerMeters.disabled();
    } catch (RuntimeException e) {
      tracing.close();
      throw e;
    }
    try {
      store = Stores.open(config.dbUrl(), meters.registry());
    } catch (RuntimeException e) {
      // The meters' JFR stream is a thread that would keep the process alive after a failed start.
      meters.close();
      tracing.close();
      throw e;
    }
    try {
      DispatchServer server = new DispatchServer(config, file, store, clock, llm, meters, tracing);
      server.app.start();
      server.loops.forEach(BackgroundLoop::start);
      server.pushes.start();
      log.info(
          "Agent Dispatch listening on http://{}:{} (store {}, auth {})",
          config.bind(),
          server.port(),
          store.describe(),
          config.authRequired() ? "required" : "off: loopback dev mode");
      return server;
    } catch (RuntimeException e) {
      store.close();
      meters.close();
      tracing.close();
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
    return waiters.size(WaitKey.Kind.INVOCATION_LOG) + waiters.size(WaitKey.Kind.SESSION_LOG);
  }

  /** How many lease polls wait for work now (tests, metrics). */
  public int pollsWaiting() {
    return signals.waiting();
  }

  /** Every HTTP route this node serves, as {@code METHOD /path} with Javalin's path syntax. */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .sorted()
        .toList();
  }

  /** The LLM ledger every model call is admitted by and recorded in (the gateway, tests). */
  public CallLedger ledger() {
    return ledger;
  }

  public ServerConfig config() {
    return config;
  }

  /** The configuration file this node started with (its prices are the ledger's). */
  public ConfigFile configFile() {
    return configFile;
  }

  /** How many push agents this node delivers to now (tests, metrics). */
  public int pushAgents() {
    return pushes.agents();
  }

  @Override
  public void close() {
    draining = true;
    // First, while the store is open and lease polls still wait: the pushes in flight are cancelled
    // unreported, so their leases expire and the attempts are retried by a node that runs.
    pushes.close();
    signals.close();
    waiters.releaseAll();
    app.stop();
    llm.close();
    notices.close();
    loops.forEach(BackgroundLoop::close);
    store.close();
    meters.close();
    // Last: the store's final transitions have queued their spans by now.
    spans.ifPresent(InvocationSpans::close);
    tracing.close();
    log.info("Agent Dispatch stopped");
  }
}
