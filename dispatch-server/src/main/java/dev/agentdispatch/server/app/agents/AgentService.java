package dev.agentdispatch.server.app.agents;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.schemas.SchemaValidator;
import dev.agentdispatch.store.agent.AgentRecord;
import dev.agentdispatch.store.agent.AgentStore;
import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Registers agents and answers "which function is this?" for every other service. Specs are cached
 * briefly so the hot path does not read the agents table per invocation; a local registration or
 * deletion refreshes at once.
 */
public final class AgentService {
  /** A worker seen within this window counts as live; an agent with none is unhealthy. */
  public static final Duration LIVE_WINDOW = Duration.ofSeconds(60);

  private static final Duration CACHE_TTL = Duration.ofSeconds(2);

  private final AgentStore store;
  private final FlowStore flow;
  private final DeclaredSchedules declaredSchedules;
  private final SchemaValidator schemas;
  private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
  private final Clock clock;

  // Bounded: a lookup of a made-up agent name is cached too (as absent), and names are callers'.
  /** How many agents' specs are cached; beyond it the least used are read again. */
  static final int NAMES_CACHED = 10_000;

  private final Map<String, Cached> cache =
      Caffeine.newBuilder().maximumSize(NAMES_CACHED).<String, Cached>build().asMap();

  /**
   * gRPC push agents whose latest health check from this node answered {@code NOT_SERVING}, and
   * since when. Kept per node, not stored: every node health-checks the agents it pushes to, and
   * what an agent answers one node is that node's reason to hold its pushes.
   */
  private final Map<String, Instant> notServing = new ConcurrentHashMap<>();

  private record Cached(Optional<AgentSpec> spec, Instant loadedAt) {}

  /**
   * The last parsed spec of each agent with the stored text it came from: a re-read whose text is
   * unchanged (nearly every one: the TTL above, {@link #list} for an event's subscribers) skips the
   * parse, which for an agent with 1,000 functions costs milliseconds. Same bound as the cache.
   */
  private final Map<String, Parsed> parsed =
      Caffeine.newBuilder().maximumSize(NAMES_CACHED).<String, Parsed>build().asMap();

  private record Parsed(String specJson, AgentSpec spec) {}

  public AgentService(
      AgentStore store,
      FlowStore flow,
      DeclaredSchedules declaredSchedules,
      SchemaValidator schemas,
      Clock clock) {
    this.store = store;
    this.flow = flow;
    this.declaredSchedules = declaredSchedules;
    this.schemas = schemas;
    this.clock = clock;
  }

  /**
   * Registers (or re-registers) an agent: its schemas must be valid JSON Schemas and its schedule
   * triggers valid crons, else nothing changes. The schedules it declares are kept in step.
   */
  public RegisteredAgent register(AgentSpec spec) {
    for (FunctionSpec f : spec.functions()) {
      f.inputSchemaJson().ifPresent(s -> checkSchema(s, f.name(), "input_schema"));
      f.outputSchemaJson().ifPresent(s -> checkSchema(s, f.name(), "output_schema"));
    }
    List<ScheduleRecord> schedules = declaredSchedules.plan(spec);
    AgentRecord stored =
        store.upsert(spec.namespace(), spec.name(), AgentSpecJson.write(spec), clock.instant());
    declaredSchedules.sync(spec, schedules);
    flow.degradePolicy(spec.namespace(), spec.name(), spec.degrade(), clock.instant());
    changed(spec.namespace(), spec.name());
    return registered(spec, stored);
  }

  /**
   * An agent announcing itself, as push agents do periodically: registers its spec when it changed
   * (else writes nothing but liveness) and records that {@code instance} of it is alive.
   */
  public RegisteredAgent registerAlive(AgentSpec announced, String instance) {
    Instant now = clock.instant();
    Optional<RegisteredAgent> current = find(announced.namespace(), announced.name());
    AgentSpec spec = current.map(c -> keepOperatorSettings(announced, c.spec())).orElse(announced);
    RegisteredAgent agent =
        current.filter(a -> a.spec().equals(spec)).orElseGet(() -> register(spec));
    store.touchWorker(spec.namespace(), spec.name(), instance, now);
    return agent;
  }

  /**
   * An agent announcing itself says what it serves, not what an operator decided about it: a
   * monthly budget, concurrency caps, lanes or rate limits set through the API (for the agent or
   * one of its functions) stay when the announcement names none.
   */
  private static AgentSpec keepOperatorSettings(AgentSpec announced, AgentSpec current) {
    return new AgentSpec(
        announced.namespace(),
        announced.name(),
        announced.description(),
        announced.functions().stream().map(f -> keepLimits(f, current.function(f.name()))).toList(),
        announced.version(),
        announced.metadataJson(),
        announced.delivery(),
        announced.monthlyBudgetUsd().or(current::monthlyBudgetUsd),
        announced.maxConcurrency().or(current::maxConcurrency),
        announced.rateLimit().or(current::rateLimit),
        announced.lanes().isEmpty() ? current.lanes() : announced.lanes(),
        announced.degrade().or(current::degrade),
        announced.tasks());
  }

  private static FunctionSpec keepLimits(FunctionSpec announced, Optional<FunctionSpec> current) {
    if (current.isEmpty()) {
      return announced;
    }
    FunctionSpec c = current.get();
    return new FunctionSpec(
        announced.name(),
        announced.description(),
        announced.inputSchemaJson(),
        announced.outputSchemaJson(),
        announced.triggers(),
        announced.retry(),
        announced.timeout(),
        announced.attemptTimeout(),
        announced.maxConcurrency().or(c::maxConcurrency),
        announced.keyConcurrency().or(c::keyConcurrency),
        announced.rateLimit().or(c::rateLimit),
        announced.debounce().or(c::debounce));
  }

  /**
   * Records that {@code instance} of the agent answered a health check with {@code SERVING}:
   * liveness only, the spec is left as it is. It ends a {@link #notServing} mark.
   */
  public void alive(String namespace, String agent, String instance) {
    notServing.remove(key(namespace, agent));
    store.touchWorker(namespace, agent, instance, clock.instant());
  }

  /**
   * Records that a gRPC push agent answered this node's health check with {@code NOT_SERVING}: it
   * reads {@code unhealthy} until it answers {@code SERVING} again, however recently it subscribed.
   */
  public void notServing(String namespace, String agent) {
    notServing.putIfAbsent(key(namespace, agent), clock.instant());
  }

  private void checkSchema(String schema, String function, String field) {
    try {
      schemas.check(schema);
    } catch (IllegalArgumentException e) {
      throw new ServiceException.Unprocessable(
          "function '" + function + "' has an invalid " + field + ": " + e.getMessage(),
          List.of(Map.of("path", function + "." + field, "message", e.getMessage())));
    }
  }

  public Optional<RegisteredAgent> find(String namespace, String name) {
    return store.find(namespace, name, LIVE_WINDOW, clock.instant()).map(this::parse);
  }

  /** The agent, or {@link ServiceException.NotFound}. */
  public RegisteredAgent get(String namespace, String name) {
    return find(namespace, name).orElseThrow(() -> notRegistered(namespace, name));
  }

  public List<RegisteredAgent> list(String namespace) {
    return store.list(namespace, LIVE_WINDOW, clock.instant()).stream().map(this::parse).toList();
  }

  /** Every agent of every namespace, by namespace and name (for work a node does for all). */
  public List<RegisteredAgent> listAll() {
    return store.listAll(LIVE_WINDOW, clock.instant()).stream().map(this::parse).toList();
  }

  /**
   * Deletes the agent and the schedules it declared; {@link ServiceException.NotFound} if there is
   * none.
   */
  public void delete(String namespace, String name) {
    boolean deleted = store.delete(namespace, name);
    notServing.remove(key(namespace, name));
    changed(namespace, name);
    if (!deleted) {
      throw notRegistered(namespace, name);
    }
    declaredSchedules.remove(namespace, name);
    flow.degradePolicy(namespace, name, Optional.empty(), clock.instant());
  }

  /** Registers a callback told the namespace of every local registration or deletion. */
  public void onChange(Consumer<String> listener) {
    changeListeners.add(listener);
  }

  private void changed(String namespace, String name) {
    cache.remove(key(namespace, name));
    changeListeners.forEach(l -> l.accept(namespace));
  }

  /** The agent's spec for admission, from a short-lived cache; empty when it is not registered. */
  public Optional<AgentSpec> spec(String namespace, String name) {
    Instant now = clock.instant();
    Cached c = cache.get(key(namespace, name));
    if (c == null || c.loadedAt().plus(CACHE_TTL).isBefore(now)) {
      c = new Cached(store.find(namespace, name, Duration.ZERO, now).map(this::specOf), now);
      cache.put(key(namespace, name), c);
    }
    return c.spec();
  }

  /** The agent's spec, or {@link ServiceException.NotFound}: the one "is it registered?" check. */
  public AgentSpec requireSpec(String namespace, String name) {
    return spec(namespace, name).orElseThrow(() -> notRegistered(namespace, name));
  }

  /**
   * One function of a registered agent, or {@link ServiceException.NotFound} naming what is
   * missing.
   */
  public FunctionSpec requireFunction(String namespace, String agent, String function) {
    return requireSpec(namespace, agent)
        .function(function)
        .orElseThrow(() ->
            new ServiceException.NotFound(
                "agent '" + agent + "' has no function '" + function + "'"));
  }

  private static ServiceException.NotFound notRegistered(String namespace, String name) {
    return new ServiceException.NotFound(
        "agent '" + name + "' is not registered in namespace '" + namespace + "'");
  }

  private RegisteredAgent parse(AgentRecord r) {
    return registered(specOf(r), r);
  }

  private AgentSpec specOf(AgentRecord r) {
    String key = key(r.namespace(), r.name());
    Parsed p = parsed.get(key);
    if (p != null && p.specJson().equals(r.specJson())) {
      return p.spec();
    }
    AgentSpec spec = AgentSpecJson.read(r.namespace(), r.name(), r.specJson());
    parsed.put(key, new Parsed(r.specJson(), spec));
    return spec;
  }

  /** A not-serving mark counts only while the agent is a gRPC push agent: only they are checked. */
  private RegisteredAgent registered(AgentSpec spec, AgentRecord r) {
    Optional<Instant> notServingSince =
        spec.delivery() instanceof Delivery.Grpc
            ? Optional.ofNullable(notServing.get(key(spec.namespace(), spec.name())))
            : Optional.empty();
    return RegisteredAgent.of(spec, r, notServingSince);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
