package dev.agentdispatch.server.doors.dispatchagents;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.CALL_MODELS;
import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;
import static dev.agentdispatch.core.auth.Permission.WORK;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.events.PublishRequest;
import dev.agentdispatch.server.app.flow.FlowService;
import dev.agentdispatch.server.app.invocations.InvocationRequest;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.llm.gateway.LlmGateway;
import dev.agentdispatch.server.app.llm.inference.InferenceService;
import dev.agentdispatch.server.app.llm.ledger.LlmLedger;
import dev.agentdispatch.server.app.llm.ledger.UsageService;
import dev.agentdispatch.server.app.memory.MemoryService;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.traces.TraceService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.HttpDoor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The dispatch-agents door: the HTTP API that agents and clients written with the dispatch_agents
 * SDK, and its CLI, expect of a backend (its {@code /api/unstable} routes, mounted with and without
 * a namespace, and {@code GET /health}). Errors take FastAPI's {@code {"detail": …}} shape. Agents
 * that subscribe here are push agents: the server calls their gRPC server for every attempt.
 */
public final class DispatchAgentsDoor implements HttpDoor {
  private static final String ROOT = "/api/unstable";
  private static final String DEFAULT_NAMESPACE = "default";

  private final FlowService flow;
  private final Guard guard;
  private final AgentService agents;
  private final InvocationService invocations;
  private final EventService events;
  private final BooleanSupplier draining;
  private final AgentAddresses addresses = new AgentAddresses();
  private final LongTermMemory longTerm;
  private final Catalog catalog;
  private final TraceTree traceTree;
  private final ShortTermMemory shortTerm;
  private final LlmEndpoints llm;

  /** The LLM services the door's {@code llm/*} endpoints call. */
  public record LlmServices(
      InferenceService inference, LlmGateway gateway, LlmLedger ledger, UsageService usage) {}

  public DispatchAgentsDoor(
      Guard guard,
      AgentService agents,
      InvocationService invocations,
      EventService events,
      MemoryService memory,
      TraceService traces,
      SessionService sessions,
      FlowService flow,
      LlmServices llm,
      BooleanSupplier draining) {
    this.flow = flow;
    this.llm = new LlmEndpoints(llm.inference(), llm.gateway(), llm.ledger(), llm.usage());
    this.shortTerm = new ShortTermMemory(agents, sessions);
    this.traceTree = new TraceTree(traces);
    this.longTerm = new LongTermMemory(memory);
    this.catalog = new Catalog(agents, events);
    this.guard = guard;
    this.agents = agents;
    this.invocations = invocations;
    this.events = events;
    this.draining = draining;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of(ROOT + "/", "/health");
  }

  @Override
  public ErrorShape errorShape() {
    return DetailShape.INSTANCE;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/health", ctx -> ctx.json(Views.Health.OK));
    routes.before(
        ROOT + "/*",
        ctx -> {
          if (draining.getAsBoolean()) {
            throw ApiException.unavailable("the server is shutting down");
          }
        });
    // The reference router mounts the same routes twice: under a namespace and without one.
    for (String mount : List.of(ROOT + "/namespace/{ns}", ROOT)) {
      boolean namespaced = mount.endsWith("{ns}");
      // From the CLI, which sends no key and names no namespace: it only says where an agent's gRPC
      // server listens, which matters only once that agent subscribes (with a key).
      routes.post(mount + "/agents/register", this::registerAddress);
      routes.post(mount + "/events/subscribe", guarded(namespaced, WORK, this::subscribe));
      routes.post(mount + "/invoke", guarded(namespaced, INVOKE, this::invoke));
      routes.get(mount + "/invoke/{id}", guarded(namespaced, READ, this::status));
      routes.post(mount + "/events/publish", guarded(namespaced, INVOKE, this::publish));
      routes.get(
          mount + "/agents/list",
          guarded(
              namespaced,
              READ,
              (ctx, ns) -> ctx.json(catalog.agents(ns, range(ctx, "limit", 1000, 1000)))));
      routes.get(
          mount + "/schemas/list",
          guarded(namespaced, READ, (ctx, ns) -> ctx.json(catalog.schemas(ns))));
      routes.get(
          mount + "/schemas/topics",
          guarded(namespaced, READ, (ctx, ns) -> ctx.json(catalog.topics(ns))));
      routes.post(mount + "/agents/{name}/stop", guarded(namespaced, ADMINISTER, this::stop));
      routes.post(mount + "/llm/inference", guarded(namespaced, CALL_MODELS, llm::inference));
      routes.post(mount + "/llm/proxy", guarded(namespaced, CALL_MODELS, llm::proxy));
      routes.post(mount + "/llm/passthrough", guarded(namespaced, CALL_MODELS, llm::passthrough));
      routes.post(mount + "/llm/log", guarded(namespaced, WORK, llm::log));
      routes.get(mount + "/llm/calls", guarded(namespaced, READ, llm::calls));
      routes.put(
          mount + "/memory/short-term",
          guarded(
              namespaced,
              INVOKE,
              (ctx, ns) ->
                  ctx.json(shortTerm.put(ns, Bodies.read(ctx, Wire.ShortTermMemory.class)))));
      routes.get(
          mount + "/memory/short-term",
          guarded(
              namespaced,
              READ,
              (ctx, ns) ->
                  ctx.json(shortTerm.get(ns, Bodies.read(ctx, Wire.ShortTermMemory.class)))));
      routes.delete(
          mount + "/memory/short-term",
          guarded(
              namespaced,
              INVOKE,
              (ctx, ns) ->
                  ctx.json(shortTerm.delete(ns, Bodies.read(ctx, Wire.ShortTermMemory.class)))));
      routes.get(
          mount + "/events/trace/{trace_id}",
          guarded(
              namespaced,
              READ,
              (ctx, ns) -> ctx.json(traceTree.get(ns, ctx.pathParam("trace_id")))));
      routes.get(
          mount + "/events/recent",
          guarded(
              namespaced,
              READ,
              (ctx, ns) ->
                  ctx.json(
                      catalog.recent(
                          ns, Guard.param(ctx, "topic"), range(ctx, "limit", 20, 100)))));
      routes.put(
          mount + "/memory/long-term",
          guarded(
              namespaced,
              INVOKE,
              (ctx, ns) ->
                  ctx.json(longTerm.put(ns, Bodies.read(ctx, Wire.LongTermMemory.class)))));
      routes.get(
          mount + "/memory/long-term",
          guarded(
              namespaced,
              READ,
              (ctx, ns) ->
                  ctx.json(longTerm.get(ns, Bodies.read(ctx, Wire.LongTermMemory.class)))));
      routes.delete(
          mount + "/memory/long-term",
          guarded(
              namespaced,
              INVOKE,
              (ctx, ns) ->
                  ctx.json(longTerm.delete(ns, Bodies.read(ctx, Wire.LongTermMemory.class)))));
      routes.get(
          mount + "/memory/long-term/agent/{agent}",
          guarded(
              namespaced, READ, (ctx, ns) -> ctx.json(longTerm.list(ns, ctx.pathParam("agent")))));
    }
  }

  /** A query parameter in {@code [1, max]}, {@code dflt} when absent. */
  static int range(Context ctx, String name, int dflt, int max) {
    int value = Guard.intParam(ctx, name, dflt);
    if (value < 1 || value > max) {
      throw ApiException.badRequest(name + " must be between 1 and " + max + ", got " + value);
    }
    return value;
  }

  private Handler guarded(boolean namespaced, Permission needed, Guard.NamespacedHandler handler) {
    return namespaced
        ? guard.with(needed, handler)
        : guard.in(ctx -> DEFAULT_NAMESPACE, needed, handler);
  }

  private void registerAddress(Context ctx) {
    Wire.Register body = Bodies.read(ctx, Wire.Register.class);
    if (body.agentName() == null || !Names.valid(body.agentName())) {
      throw ApiException.badRequest("agent_name '" + body.agentName() + "' is not a valid name");
    }
    if (body.url() == null || body.url().isBlank()) {
      throw ApiException.badRequest("url is required (host:port of the agent's gRPC server)");
    }
    String address = body.url().replaceFirst("^(grpc|http)://", "");
    try {
      addresses.register(body.agentName(), new Delivery.Grpc(address).address());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("url: " + e.getMessage());
    }
    ctx.json(new Views.Registered("Agent '" + body.agentName() + "' registered", body.url()));
  }

  private void subscribe(Context ctx, String ns) {
    Wire.Subscribe body = Bodies.read(ctx, Wire.Subscribe.class);
    String address = addresses.resolve(body.agentName() == null ? "" : body.agentName(), ctx.ip());
    AgentSpec spec = Subscriptions.spec(ns, body, address);
    Guard.requireAgent(ctx, spec.name());
    agents.registerAlive(spec, "grpc:" + address);
    List<String> topics =
        body.topics() == null ? List.of() : body.topics().stream().distinct().toList();
    Map<String, Integer> subscribers = new LinkedHashMap<>();
    topics.forEach(t -> subscribers.put(t, 1));
    ctx.json(new Views.Subscribed("Subscribed", topics, spec.name(), subscribers));
  }

  private void invoke(Context ctx, String ns) {
    Wire.Invoke b = Bodies.read(ctx, Wire.Invoke.class);
    InvocationRequest request =
        InvocationRequest.builder(b.agentName(), b.functionName())
            .payload(b.payload())
            .traceId(b.traceId())
            .parentId(b.parentId())
            .timeoutSeconds(b.timeoutSeconds())
            .build();
    var created = invocations.create(ns, Guard.caller(ctx), request).invocation();
    ctx.json(new Views.Invoked(created.id(), created.spec().traceId(), "pending"));
  }

  private void status(Context ctx, String ns) {
    ctx.json(Views.InvocationStatus.of(invocations.find(ns, ctx.pathParam("id"))));
  }

  private void stop(Context ctx, String ns) {
    String name = ctx.pathParam("name");
    flow.pause(ns, name, Optional.empty());
    ctx.json(
        new Views.Stopped(
            "Agent '" + name + "' stopped",
            "dispatch to it is paused: its pending and new invocations are kept and run once it is"
                + " resumed (POST /v1/namespaces/"
                + ns
                + "/agents/"
                + name
                + "/resume)",
            "Process may still be running: this server does not manage agent processes"));
  }

  private void publish(Context ctx, String ns) {
    Wire.Publish b = Bodies.read(ctx, Wire.Publish.class);
    var payload = b.payload();
    if (payload != null && !payload.isObject()) {
      // The SDK wraps a non-object payload the same way before it sends it.
      payload = JsonNodeFactory.instance.objectNode().set("data", payload);
    }
    var published =
        events.publish(
            ns,
            PublishRequest.of(
                b.topic(),
                payload,
                b.senderId() == null ? "web-ui" : b.senderId(),
                b.traceId(),
                b.parentId(),
                null));
    ctx.json(
        new Views.Published(
            "Event published successfully",
            published.event().id(),
            published.event().invocationIds(),
            published.event().invocationIds().size()));
  }
}
