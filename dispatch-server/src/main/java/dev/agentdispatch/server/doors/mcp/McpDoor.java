package dev.agentdispatch.server.doors.mcp;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.auth.Authenticator;
import dev.agentdispatch.server.app.auth.Caller;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.HttpDoor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP door: streamable HTTP at {@code /mcp/{ns}} (MCP 2025-11-25, and the 2025-06-18 and
 * 2025-03-26 revisions a client may ask for). {@code POST} takes one JSON-RPC message; {@code
 * initialize} opens a session ({@code Mcp-Session-Id}) unless the URL says {@code ?stateless=true},
 * and a request without a session id is served statelessly. {@code DELETE} ends a session; {@code
 * GET} answers 405, as the spec allows a server that sends nothing unprompted. The same API keys
 * and namespace rules as {@code /v1} apply ({@link Guard}): listing tools needs {@code read},
 * calling one {@code invoke}.
 *
 * <p>Hand-written rather than the MCP Java SDK's server: the SDK serves one fixed tool registry per
 * transport from Reactor pipelines and its own session map, while this door lists tools per
 * namespace and caller from the registry at every request, authenticates every request with the
 * node's keys, and blocks a virtual thread per call like every other door.
 */
public final class McpDoor implements HttpDoor {
  /** The revision this server speaks by default (the newest it knows). */
  public static final String LATEST = "2025-11-25";

  /** The revisions a client may negotiate. */
  public static final List<String> VERSIONS = List.of(LATEST, "2025-06-18", "2025-03-26");

  static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final String VERSION_HEADER = "MCP-Protocol-Version";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Guard guard;
  private final ToolCatalog catalog;
  private final ToolCalls calls;
  private final McpSessions sessions;

  /**
   * @param open false once the server is closing: calls under way stop waiting
   */
  public McpDoor(
      Guard guard,
      AgentService agents,
      InvocationService invocations,
      SessionService sessionService,
      LogService logs,
      Clock clock,
      BooleanSupplier open) {
    this.guard = guard;
    this.catalog = new ToolCatalog(agents);
    this.calls =
        new ToolCalls(
            catalog,
            invocations,
            sessionService,
            new RunFollower(invocations, sessionService, logs, open));
    this.sessions = new McpSessions(clock);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/mcp/{ns}", guard.with(READ, this::post));
    routes.delete("/mcp/{ns}", guard.with(READ, this::delete));
    routes.get(
        "/mcp/{ns}",
        guard.with(
            READ,
            (ctx, ns) ->
                reply(
                    ctx.header("Allow", "POST, DELETE"),
                    405,
                    new RpcError(
                        RpcError.INVALID_REQUEST,
                        "this server sends nothing unprompted: there is no stream to GET",
                        Optional.empty()))));
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/mcp/");
  }

  @Override
  public ErrorShape errorShape() {
    return McpDoor::errorBody;
  }

  /** An HTTP-level refusal (no key, another namespace, a bad header) as a JSON-RPC error. */
  private static Object errorBody(ApiException e) {
    int code =
        switch (e.status()) {
          case 400, 413, 422 -> RpcError.INVALID_REQUEST;
          case 401 -> RpcError.UNAUTHENTICATED;
          case 403 -> -32003;
          case 404 -> -32004;
          default -> RpcError.INTERNAL_ERROR;
        };
    return JsonRpc.error(
        null,
        new RpcError(
            code, e.getMessage(), Optional.of(Map.of("status", e.status(), "code", e.code()))));
  }

  private void post(Context ctx, String ns) {
    Caller caller = Guard.caller(ctx);
    JsonRpc.Incoming msg;
    try {
      msg = JsonRpc.parse(ctx.body());
    } catch (RpcError e) {
      reply(ctx, 400, e);
      return;
    }
    if (msg instanceof JsonRpc.Incoming.Request r && r.method().equals("initialize")) {
      initialize(ctx, ns, caller, r);
      return;
    }
    String version = ctx.header(VERSION_HEADER);
    if (version != null && !VERSIONS.contains(version)) {
      reply(
          ctx,
          400,
          RpcError.invalidRequest(
              VERSION_HEADER
                  + " '"
                  + version
                  + "' is not supported; this server speaks "
                  + VERSIONS));
      return;
    }
    Optional<McpSession> session;
    String sid = ctx.header(SESSION_HEADER);
    if (sid != null) {
      session = sessions.find(sid, ns, caller.keyId());
      if (session.isEmpty()) {
        reply(ctx, 404, notFound(sid));
        return;
      }
    } else {
      session = Optional.empty();
    }
    String scope = session.map(McpSession::id).orElse(ns + "\n" + caller.keyId());
    switch (msg) {
      case JsonRpc.Incoming.Notification n -> {
        if (n.method().equals("notifications/cancelled") && n.params().has("requestId")) {
          calls.cancel(scope, n.params().get("requestId"));
        }
        ctx.status(202);
      }
      case JsonRpc.Incoming.Response r -> {
        session.ifPresent(s -> s.answer(r.id().asString(), r.message()));
        ctx.status(202);
      }
      case JsonRpc.Incoming.Request r -> request(ctx, ns, caller, session, scope, r);
    }
  }

  private void request(
      Context ctx,
      String ns,
      Caller caller,
      Optional<McpSession> session,
      String scope,
      JsonRpc.Incoming.Request r) {
    boolean call = r.method().equals("tools/call");
    if (call) {
      // Refused like POST /v1/.../invocations: an HTTP 403, before anything runs.
      Authenticator.authorize(caller, INVOKE, ns);
    }
    Channel channel = Channel.of(ctx, call, () -> guard.stillAuthenticated(ctx));
    try {
      switch (r.method()) {
        case "ping" -> channel.respond(JsonRpc.result(r.id(), JSON.objectNode()));
        case "tools/list" -> channel.respond(JsonRpc.result(r.id(), catalog.list(ns, caller)));
        case "tools/call" ->
            calls
                .call(ns, caller, session, scope, r.id(), r.params(), channel)
                .ifPresentOrElse(
                    result -> channel.respond(JsonRpc.result(r.id(), result)), channel::end);
        default ->
            throw new RpcError(
                RpcError.METHOD_NOT_FOUND,
                "method '" + r.method() + "' is not supported: this server offers tools",
                Optional.empty());
      }
    } catch (RpcError e) {
      channel.respond(JsonRpc.error(r.id(), e));
    } catch (UncheckedIOException gone) {
      // The client closed the stream; the invocation goes on (a disconnect is not a cancel).
    }
  }

  private void initialize(Context ctx, String ns, Caller caller, JsonRpc.Incoming.Request r) {
    String asked = r.params().path("protocolVersion").asString("");
    String version = VERSIONS.contains(asked) ? asked : LATEST;
    JsonNode elicitation = r.params().path("capabilities").path("elicitation");
    // {} means form mode; an object naming only "url" cannot take a form.
    boolean form = elicitation.isObject() && (elicitation.has("form") || !elicitation.has("url"));
    ObjectNode result = JSON.objectNode().put("protocolVersion", version);
    result.putObject("capabilities").putObject("tools").put("listChanged", false);
    result
        .putObject("serverInfo")
        .put("name", "agent-dispatch")
        .put("title", "Agent Dispatch")
        .put(
            "version",
            Optional.ofNullable(McpDoor.class.getPackage().getImplementationVersion())
                .orElse("dev"));
    result.put(
        "instructions",
        "Each tool is a function of an agent of namespace "
            + ns
            + " (agent.function). In an MCP session the calls of one tool form one conversation.");
    if (!"true".equals(ctx.queryParam("stateless"))) {
      McpSession s;
      try {
        s = sessions.open(ns, caller.keyId(), version, form);
      } catch (McpSessions.Full full) {
        reply(ctx.header("Retry-After", "60"), 503, RpcError.invalidRequest(full.getMessage()));
        return;
      }
      ctx.header(SESSION_HEADER, s.id());
    }
    ctx.status(200)
        .contentType("application/json")
        .result(JsonRpc.result(r.id(), result).toString());
  }

  private void delete(Context ctx, String ns) {
    String sid = ctx.header(SESSION_HEADER);
    if (sid == null) {
      reply(ctx, 400, RpcError.invalidRequest("DELETE ends a session: send its " + SESSION_HEADER));
      return;
    }
    Optional<McpSession> s = sessions.find(sid, ns, Guard.caller(ctx).keyId());
    if (s.isEmpty()) {
      reply(ctx, 404, notFound(sid));
      return;
    }
    sessions.close(s.get());
    ctx.status(204);
  }

  private static RpcError notFound(String sid) {
    return new RpcError(
        -32004,
        "session '"
            + sid
            + "' is not open on this server (ended, expired, or another key's):"
            + " initialize again",
        Optional.empty());
  }

  private static void reply(Context ctx, int status, RpcError e) {
    ctx.status(status).contentType("application/json").result(JsonRpc.error(null, e).toString());
  }
}
