package dev.agentdispatch.server.doors.a2a;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.auth.Authenticator;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.EventStreams;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.HttpDoor;
import dev.agentdispatch.store.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The A2A door (DESIGN §3): every Dispatch agent is an A2A agent at {@code /a2a/{ns}/{agent}},
 * speaking A2A 1.0 and 0.3 over JSON-RPC 2.0 on the same URL. The card ({@code
 * .well-known/agent-card.json}) is chosen by the {@code A2A-Version} header; a request's version by
 * its method's name. The same keys as {@code /v1}: reading (the card, a task) needs {@code read},
 * sending and canceling {@code invoke}. Refusals before the call (auth, an unknown agent) are HTTP
 * errors with a JSON-RPC body; refusals of the call are JSON-RPC errors with HTTP 200.
 */
public final class A2aDoor implements HttpDoor {
  static final String MOUNT = "/a2a";
  private static final String VERSION_HEADER = "A2A-Version";
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final Guard guard;
  private final AgentService agents;
  private final A2aTasks tasks;
  private final boolean authRequired;
  private final BooleanSupplier draining;

  /**
   * @param authRequired whether keys are required (the cards then announce bearer auth)
   * @param draining true once the server is closing: streams end
   */
  public A2aDoor(
      Guard guard,
      AgentService agents,
      SessionService sessions,
      InvocationService invocations,
      boolean authRequired,
      BooleanSupplier draining) {
    this.guard = guard;
    this.agents = agents;
    this.tasks = new A2aTasks(sessions, invocations);
    this.authRequired = authRequired;
    this.draining = draining;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of(MOUNT + "/");
  }

  /** HTTP-level refusals in JSON-RPC's shape, with the HTTP status and our code as data. */
  @Override
  public ErrorShape errorShape() {
    return e -> {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("status", e.status());
      data.put("code", e.code());
      e.details().ifPresent(d -> data.put("details", d));
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", rpcCode(e.status()));
      error.put("message", e.getMessage());
      error.put("data", data);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("jsonrpc", "2.0");
      body.put("id", null);
      body.put("error", error);
      return body;
    };
  }

  private static int rpcCode(int status) {
    return switch (status) {
      case 404 -> RpcError.METHOD_NOT_FOUND; // no such agent: no method at this URL
      case 413 -> RpcError.INVALID_REQUEST;
      default -> status >= 500 ? RpcError.INTERNAL : RpcError.INVALID_REQUEST;
    };
  }

  @Override
  public void register(RoutesConfig routes) {
    String agentPath = MOUNT + "/{ns}/{agent}";
    routes.get(agentPath + "/.well-known/agent-card.json", guard.with(Permission.READ, this::card));
    routes.post(agentPath, guard.with(Permission.READ, this::rpc));
  }

  private void card(Context ctx, String ns) {
    String name = ctx.pathParam("agent");
    AgentSpec agent = agents.requireSpec(ns, name);
    Dialect d =
        Dialect.fromHeader(ctx.header(VERSION_HEADER))
            .orElseThrow(() ->
                ApiException.badRequest(
                    VERSION_HEADER
                        + " '"
                        + ctx.header(VERSION_HEADER)
                        + "' is not supported: this agent speaks 1.0 and 0.3"));
    String url = ctx.url();
    String base = url.substring(0, url.length() - "/.well-known/agent-card.json".length());
    ctx.header("Vary", VERSION_HEADER);
    ctx.contentType("application/json")
        .result(Json.write(AgentCards.card(d, agent, base, authRequired)));
  }

  private void rpc(Context ctx, String ns) {
    String name = ctx.pathParam("agent");
    AgentSpec agent = agents.requireSpec(ns, name);
    JsonNode request;
    try {
      request = Json.tree(ctx.body());
    } catch (JacksonException e) {
      reply(
          ctx,
          error(
              NullNode.getInstance(),
              new RpcError(RpcError.PARSE_ERROR, "malformed JSON: " + e.getOriginalMessage())));
      return;
    }
    JsonNode id = request == null ? NullNode.getInstance() : request.path("id");
    if (id.isMissingNode() || !(id.isString() || id.isIntegralNumber() || id.isNull())) {
      id = NullNode.getInstance();
    }
    try {
      call(ctx, ns, agent, id, request);
    } catch (RpcError e) {
      reply(ctx, error(id, e));
    } catch (ServiceException e) {
      if (e instanceof ServiceException.Unauthenticated
          || e instanceof ServiceException.Forbidden) {
        throw e; // an HTTP refusal, as for every other door
      }
      reply(ctx, error(id, of(e)));
    }
  }

  private void call(Context ctx, String ns, AgentSpec agent, JsonNode id, JsonNode request) {
    if (request == null || !request.isObject()) {
      throw new RpcError(
          RpcError.INVALID_REQUEST,
          "a request is one JSON-RPC object (batches are" + " not supported)");
    }
    if (!request.path("jsonrpc").asString("").equals("2.0")) {
      throw new RpcError(RpcError.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
    }
    if (!request.path("method").isString()) {
      throw new RpcError(RpcError.INVALID_REQUEST, "method must be a string");
    }
    if (Dialect.fromHeader(ctx.header(VERSION_HEADER)).isEmpty()) {
      throw new RpcError(
          RpcError.VERSION_NOT_SUPPORTED,
          VERSION_HEADER + " '" + ctx.header(VERSION_HEADER) + "' is not supported: 1.0 or 0.3");
    }
    String methodName = request.path("method").asString();
    Dialect.Method method =
        Dialect.method(methodName)
            .orElseThrow(() ->
                new RpcError(RpcError.METHOD_NOT_FOUND, "method '" + methodName + "' not found"));
    JsonNode params = request.path("params");
    if (!params.isObject()) {
      throw RpcError.invalidParams("params must be an object");
    }
    Dialect d = method.dialect();
    switch (method.operation()) {
      case SEND -> {
        invoke(ctx, ns, agent);
        refusePush(params.path("configuration"));
        IncomingMessage message = IncomingMessage.of(params);
        Invocation task = tasks.send(ns, agent, message);
        if (blocking(params.path("configuration"))) {
          task = tasks.settle(task, A2aTasks.BLOCKING_WAIT);
        }
        reply(ctx, result(id, d.taskResult(TaskViews.task(d, task))));
      }
      case STREAM -> {
        invoke(ctx, ns, agent);
        refusePush(params.path("configuration"));
        IncomingMessage message = IncomingMessage.of(params);
        stream(ctx, d, id, tasks.send(ns, agent, message));
      }
      case GET -> reply(ctx, result(id, TaskViews.task(d, tasks.task(ns, agent, taskId(params)))));
      case CANCEL -> {
        invoke(ctx, ns, agent);
        reply(ctx, result(id, TaskViews.task(d, tasks.cancel(ns, agent, taskId(params)))));
      }
      case LIST -> {
        A2aTasks.Listing listing = tasks.list(ns, agent, d, params);
        Page<Invocation> page = listing.page();
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        page.items().forEach(i -> list.withArray("tasks").add(TaskViews.task(d, i)));
        list.withArray("tasks");
        list.put("nextPageToken", page.nextCursor().orElse(""));
        list.put("pageSize", page.items().size());
        list.put("totalSize", listing.totalSize());
        reply(ctx, result(id, list));
      }
      case UNSUPPORTED ->
          throw methodName.contains("ushNotification")
              ? new RpcError(RpcError.PUSH_NOT_SUPPORTED, "push notifications are not supported")
              : new RpcError(
                  RpcError.UNSUPPORTED_OPERATION, "'" + methodName + "' is not supported");
    }
  }

  /**
   * Starting or canceling a task needs {@code invoke}, and the key must cover the agent by the rule
   * every door shares ({@link Authenticator#authorizeInvoke}); reading needs neither.
   */
  private static void invoke(Context ctx, String ns, AgentSpec agent) {
    Authenticator.authorize(Guard.caller(ctx), Permission.INVOKE, ns);
    Guard.requireInvoke(ctx, agent.name());
  }

  /**
   * This door sends no push notifications (the card says {@code pushNotifications: false}): a send
   * that asks for them (0.3's {@code pushNotificationConfig}, 1.0's {@code
   * taskPushNotificationConfig}) is refused rather than run without them.
   */
  private static void refusePush(JsonNode configuration) {
    for (String field : List.of("pushNotificationConfig", "taskPushNotificationConfig")) {
      JsonNode config = configuration.path(field);
      if (!config.isMissingNode() && !config.isNull()) {
        throw new RpcError(
            RpcError.PUSH_NOT_SUPPORTED,
            "push notifications are not supported (configuration."
                + field
                + "): follow the task with SendStreamingMessage or poll GetTask");
      }
    }
  }

  /**
   * Whether a send waits for its task to settle: 1.0's {@code returnImmediately} (default false),
   * or 0.3's (and early 1.0 SDKs') {@code blocking}; by default it waits.
   */
  private static boolean blocking(JsonNode configuration) {
    if (configuration.path("returnImmediately").isBoolean()) {
      return !configuration.path("returnImmediately").asBoolean();
    }
    if (configuration.path("blocking").isBoolean()) {
      return configuration.path("blocking").asBoolean();
    }
    return true;
  }

  private static String taskId(JsonNode params) {
    return A2aTasks.text(params, "id")
        .orElseThrow(() -> RpcError.invalidParams("params.id (the task id) is required"));
  }

  /**
   * Streams the task's changes as SSE, each event one JSON-RPC response: the task first, then a
   * status update per change (with the result artifact before a completion), until it settles.
   */
  private void stream(Context ctx, Dialect d, JsonNode id, Invocation task) {
    long lastWrite = System.nanoTime();
    long lastCheck = System.nanoTime();
    ctx.res().setStatus(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    String contextId = TaskViews.contextId(task);
    try {
      OutputStream out = ctx.res().getOutputStream();
      event(out, result(id, d.taskResult(TaskViews.task(d, task))));
      Invocation now = task;
      while (!A2aTasks.settled(now) && !draining.getAsBoolean()) {
        if (System.nanoTime() - lastCheck >= EventStreams.RECHECK.toNanos()) {
          lastCheck = System.nanoTime();
          if (!guard.stillAuthenticated(ctx)) {
            // As /v1's event streams: a revoked key stops reading at once. The task goes on.
            event(out, error(id, revoked()));
            return;
          }
        }
        Invocation next = tasks.next(now, EventStreams.RECHECK);
        if (next.status() == now.status()) {
          if (System.nanoTime() - lastWrite >= KEEP_ALIVE.toNanos()) {
            write(out, ": keep-alive\n\n");
            lastWrite = System.nanoTime();
          }
          continue;
        }
        now = next;
        lastWrite = System.nanoTime();
        Optional<ObjectNode> artifact = TaskViews.resultArtifact(d, now);
        if (artifact.isPresent()) {
          event(out, result(id, d.artifactEvent(now.id(), contextId, artifact.get())));
        }
        event(
            out,
            result(
                id,
                d.statusEvent(
                    now.id(), contextId, TaskViews.status(d, now), A2aTasks.settled(now))));
      }
    } catch (IOException gone) {
      // The client went away; the task goes on, and GetTask reads it.
    }
  }

  /** The error that ends a stream whose key was revoked: an HTTP 401 in JSON-RPC's shape. */
  private static RpcError revoked() {
    return new RpcError(
        rpcCode(401),
        "the API key is unknown or revoked: the stream ends",
        Optional.of(Map.of("status", 401, "code", "unauthorized")));
  }

  private static void event(OutputStream out, Map<String, Object> response) throws IOException {
    write(out, "data: " + Json.write(response) + "\n\n");
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void reply(Context ctx, Map<String, Object> response) {
    ctx.status(200).contentType("application/json").result(Json.write(response));
  }

  private static Map<String, Object> result(JsonNode id, Object result) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", "2.0");
    response.put("id", id);
    response.put("result", result);
    return response;
  }

  private static Map<String, Object> error(JsonNode id, RpcError e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    e.data().ifPresent(data -> error.put("data", data));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("jsonrpc", "2.0");
    response.put("id", id);
    response.put("error", error);
    return response;
  }

  /** A service's refusal of the call as a JSON-RPC error; bad input changed nothing. */
  private static RpcError of(ServiceException e) {
    Map<String, Object> data = new LinkedHashMap<>();
    return switch (e) {
      case ServiceException.Invalid x -> RpcError.invalidParams(x.getMessage());
      case ServiceException.Unprocessable x -> {
        data.put("violations", x.details());
        yield new RpcError(RpcError.INVALID_PARAMS, x.getMessage(), Optional.of(data));
      }
      case ServiceException.TooLarge x -> RpcError.invalidParams(x.getMessage());
      case ServiceException.NotFound x -> RpcError.invalidParams(x.getMessage());
      case ServiceException.Conflict x -> {
        data.put("code", x.code());
        x.details().ifPresent(d -> data.put("details", d));
        yield new RpcError(RpcError.INVALID_REQUEST, x.getMessage(), Optional.of(data));
      }
      case ServiceException.Unauthenticated x ->
          new RpcError(RpcError.INVALID_REQUEST, x.getMessage());
      case ServiceException.Forbidden x -> new RpcError(RpcError.INVALID_REQUEST, x.getMessage());
      case ServiceException.Unavailable x -> internal(x, "unavailable");
      case ServiceException.RateLimited x -> internal(x, "rate_limited");
      case ServiceException.BudgetExceeded x -> internal(x, "budget_exceeded");
    };
  }

  private static RpcError internal(ServiceException e, String code) {
    return new RpcError(RpcError.INTERNAL, e.getMessage(), Optional.of(Map.of("code", code)));
  }
}
