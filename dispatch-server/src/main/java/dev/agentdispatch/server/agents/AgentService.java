package dev.agentdispatch.server.agents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.Json;
import dev.agentdispatch.server.invocations.SchemaValidator;
import dev.agentdispatch.server.schedules.DeclaredSchedules;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import dev.agentdispatch.store.agent.AgentRecord;
import dev.agentdispatch.store.agent.AgentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers agents and answers "which function is this?" at admission. Specs are cached briefly so the
 * hot path does not read the agents table per invocation; a local upsert or delete refreshes at once.
 */
public final class AgentService {
  /** A worker seen within this window counts as live; an agent with none is unhealthy. */
  public static final Duration LIVE_WINDOW = Duration.ofSeconds(60);
  private static final Duration CACHE_TTL = Duration.ofSeconds(2);

  private final AgentStore store;
  private final DeclaredSchedules declaredSchedules;
  private final SchemaValidator schemas;
  private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Optional<AgentSpec> spec, Instant loadedAt) {}

  public AgentService(AgentStore store, DeclaredSchedules declaredSchedules, SchemaValidator schemas, Clock clock) {
    this.store = store;
    this.declaredSchedules = declaredSchedules;
    this.schemas = schemas;
    this.clock = clock;
  }

  public AgentView upsert(String namespace, String name, AgentBody body) {
    Names.require(name, "agent name");
    AgentSpec spec = AgentSpecParser.parse(namespace, name, body);
    for (FunctionSpec f : spec.functions()) {
      f.inputSchemaJson().ifPresent(s -> checkSchema(s, f.name(), "input_schema"));
      f.outputSchemaJson().ifPresent(s -> checkSchema(s, f.name(), "output_schema"));
    }
    List<ScheduleRecord> schedules = declaredSchedules.plan(spec);
    AgentRecord stored = store.upsert(namespace, name, Json.write(body), clock.instant());
    declaredSchedules.sync(spec, schedules);
    changed(namespace, name);
    return view(new RegisteredAgent(spec, body, stored));
  }

  private void checkSchema(String schema, String function, String field) {
    try {
      schemas.check(schema);
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable("function '" + function + "' has an invalid " + field + ": " + e.getMessage(),
          List.of(Map.of("path", function + "." + field, "message", e.getMessage())));
    }
  }

  public Optional<RegisteredAgent> find(String namespace, String name) {
    return store.find(namespace, name, LIVE_WINDOW, clock.instant()).map(this::parse);
  }

  public List<RegisteredAgent> list(String namespace) {
    return store.list(namespace, LIVE_WINDOW, clock.instant()).stream().map(this::parse).toList();
  }

  public boolean delete(String namespace, String name) {
    boolean deleted = store.delete(namespace, name);
    if (deleted) {
      declaredSchedules.remove(namespace, name);
    }
    changed(namespace, name);
    return deleted;
  }

  /** Registers a callback told the namespace of every local registration or deletion. */
  public void onChange(Consumer<String> listener) {
    changeListeners.add(listener);
  }

  private void changed(String namespace, String name) {
    cache.remove(key(namespace, name));
    changeListeners.forEach(l -> l.accept(namespace));
  }

  /** The agent's spec for admission, from a short-lived cache. */
  public Optional<AgentSpec> spec(String namespace, String name) {
    Instant now = clock.instant();
    Cached c = cache.get(key(namespace, name));
    if (c == null || c.loadedAt().plus(CACHE_TTL).isBefore(now)) {
      c = new Cached(store.find(namespace, name, Duration.ZERO, now).map(r -> parse(r).spec()), now);
      cache.put(key(namespace, name), c);
    }
    return c.spec();
  }

  public AgentView view(RegisteredAgent a) {
    AgentRecord r = a.record();
    String status = r.liveWorkers() > 0 ? "healthy" : "unhealthy";
    return new AgentView(r.name(), r.namespace(), a.body().description(), a.body().functions(), status,
        r.lastHeartbeat().orElse(null), r.liveWorkers(), a.body().version(), a.body().metadata(), r.createdAt(),
        r.updatedAt());
  }

  private RegisteredAgent parse(AgentRecord r) {
    AgentBody body = Json.MAPPER.readValue(r.specJson(), AgentBody.class);
    return new RegisteredAgent(AgentSpecParser.parse(r.namespace(), r.name(), body), body, r);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
