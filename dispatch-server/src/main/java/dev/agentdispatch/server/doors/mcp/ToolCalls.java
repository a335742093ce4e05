package dev.agentdispatch.server.doors.mcp;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.auth.Authenticator;
import dev.agentdispatch.server.app.auth.Caller;
import dev.agentdispatch.server.app.invocations.InvocationRequest;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionRequests;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tools/call}: starts the work through the services, then lets a {@link RunFollower} wait
 * for it. A call runs as a plain invocation, or as an input to a Dispatch session (a conversation)
 * when it names one in {@code _meta["dev.agentdispatch/session"]} or comes in an MCP session (each
 * tool then has one conversation per MCP session). Calls under way are kept so that {@code
 * notifications/cancelled} can cancel their invocation.
 */
final class ToolCalls {
  private final ToolCatalog catalog;
  private final InvocationService invocations;
  private final SessionService sessions;
  private final RunFollower follower;
  private final Map<String, Call> underWay = new ConcurrentHashMap<>();

  ToolCalls(
      ToolCatalog catalog,
      InvocationService invocations,
      SessionService sessions,
      RunFollower follower) {
    this.catalog = catalog;
    this.invocations = invocations;
    this.sessions = sessions;
    this.follower = follower;
  }

  /** One call under way: its invocation once known, and whether the client cancelled it. */
  static final class Call {
    private final String namespace;
    private final InvocationService invocations;
    private volatile String runId;
    private volatile boolean cancelled;

    private Call(String namespace, InvocationService invocations) {
      this.namespace = namespace;
      this.invocations = invocations;
    }

    boolean cancelled() {
      return cancelled;
    }

    synchronized void ran(String id) {
      runId = id;
      if (cancelled) {
        cancelRun();
      }
    }

    synchronized void cancel() {
      cancelled = true;
      if (runId != null) {
        cancelRun();
      }
    }

    private void cancelRun() {
      try {
        invocations.cancel(namespace, runId, false);
      } catch (RuntimeException alreadyOver) {
        // It ended meanwhile (or was cancelled already): nothing is left to stop.
      }
    }
  }

  /**
   * Runs a {@code tools/call}; the result, or empty when the client cancelled it (MCP wants no
   * response then).
   *
   * @param scope who may cancel it: the MCP session, or the namespace and key of a stateless call
   */
  Optional<ObjectNode> call(
      String namespace,
      Caller caller,
      Optional<McpSession> session,
      String scope,
      JsonNode requestId,
      ObjectNode params,
      Channel channel) {
    JsonNode name = params.get("name");
    if (name == null || !name.isString()) {
      throw RpcError.invalidParams("tools/call needs \"name\", the tool's name");
    }
    ToolCatalog.Tool tool = catalog.resolve(namespace, name.asString());
    // The rule every door shares for agent-limited keys: an HTTP 403, before anything runs.
    Authenticator.authorizeInvoke(caller, tool.agent());
    JsonNode args = params.get("arguments");
    if (args != null && !args.isObject() && !args.isNull()) {
      throw RpcError.invalidParams("\"arguments\" must be an object");
    }
    JsonNode payload = args == null || args.isNull() ? JsonNodeFactory.instance.objectNode() : args;
    JsonNode meta = params.path("_meta");
    Optional<JsonNode> progressToken =
        Optional.ofNullable(meta.get("progressToken"))
            .filter(t -> t.isString() || t.isIntegralNumber());
    Optional<String> conversation = conversation(meta, session, tool);
    String key = scope + "\n" + requestId;
    Call call = new Call(namespace, invocations);
    if (underWay.putIfAbsent(key, call) != null) {
      throw RpcError.invalidRequest("request id " + requestId + " is already in use by a call");
    }
    try {
      ToolResults.Ran ran;
      try {
        ran = start(namespace, caller, tool, payload, conversation, call, channel);
      } catch (ServiceException e) {
        return Optional.of(refusal(e));
      }
      if (ran == null) {
        return Optional.empty();
      }
      call.ran(ran.invocationId());
      return follower.follow(
          new RunFollower.Run(namespace, tool, ran, session, progressToken, call), channel);
    } finally {
      underWay.remove(key);
    }
  }

  /** Cancels the call {@code requestId} of {@code scope}, if it is under way. */
  void cancel(String scope, JsonNode requestId) {
    Optional.ofNullable(underWay.get(scope + "\n" + requestId)).ifPresent(Call::cancel);
  }

  private static Optional<String> conversation(
      JsonNode meta, Optional<McpSession> session, ToolCatalog.Tool tool) {
    JsonNode named = meta.get(ToolResults.SESSION);
    if (named != null) {
      if (!named.isString() || !Names.valid(named.asString())) {
        throw RpcError.invalidParams(
            "_meta[\""
                + ToolResults.SESSION
                + "\"] must be a session id (letters, digits, '_' and '-', at most 128)");
      }
      return Optional.of(named.asString());
    }
    return session.map(s -> s.conversation(tool.name()));
  }

  /** Starts the run; null when the call was cancelled before its input got a run. */
  private ToolResults.Ran start(
      String namespace,
      Caller caller,
      ToolCatalog.Tool tool,
      JsonNode payload,
      Optional<String> conversation,
      Call call,
      Channel channel) {
    if (conversation.isEmpty()) {
      String id =
          invocations
              .create(
                  namespace,
                  caller,
                  InvocationRequest.builder(tool.agent(), tool.function()).payload(payload).build())
              .invocation()
              .id();
      return new ToolResults.Ran(id, Optional.empty());
    }
    String sid = conversation.get();
    // Bad arguments are refused before the conversation is opened: a refused call changes nothing.
    sessions.checkInput(namespace, tool.agent(), tool.function(), payload);
    open(namespace, sid, tool);
    SessionInput input =
        sessions
            .submit(
                namespace,
                sid,
                new SessionRequests.Input(payload, InputStrategy.ENQUEUE, Optional.empty()))
            .input();
    Optional<String> run = follower.runOf(namespace, input, call, channel);
    return run.map(r -> new ToolResults.Ran(r, Optional.of(sid))).orElse(null);
  }

  /** Opens the conversation {@code sid} with the tool's function unless it exists. */
  private void open(String namespace, String sid, ToolCatalog.Tool tool) {
    SessionRecord s;
    try {
      s = sessions.get(namespace, sid);
    } catch (ServiceException.NotFound absent) {
      try {
        s =
            sessions.create(
                namespace,
                new SessionRequests.Create(
                    tool.agent(),
                    Optional.of(tool.function()),
                    Optional.of(sid),
                    JsonNodeFactory.instance.objectNode().put("opened_by", "mcp"),
                    JsonNodeFactory.instance.objectNode()));
      } catch (ServiceException.Conflict raced) {
        s = sessions.get(namespace, sid);
      }
    }
    if (!s.agent().equals(tool.agent()) || !s.function().equals(tool.function())) {
      throw RpcError.invalidParams(
          "session '"
              + sid
              + "' talks to "
              + s.agent()
              + "."
              + s.function()
              + ", not to "
              + tool.name());
    }
  }

  /** A refusal of the services as MCP wants it: a JSON-RPC error or an {@code isError} result. */
  static ObjectNode refusal(ServiceException e) {
    return switch (e) {
      case ServiceException.Unprocessable u ->
          ToolResults.invalidArguments(u.getMessage(), u.details());
      case ServiceException.Invalid i -> throw RpcError.invalidParams(i.getMessage());
      case ServiceException.NotFound n -> throw RpcError.invalidParams(n.getMessage());
      case ServiceException.Unauthenticated u -> throw u;
      case ServiceException.Forbidden f -> throw f;
      case ServiceException.TooLarge t -> ToolResults.refused(t.getMessage());
      case ServiceException.Conflict c -> ToolResults.refused(c.getMessage());
      case ServiceException.Unavailable u -> ToolResults.refused(u.getMessage());
      case ServiceException.BudgetExceeded b -> ToolResults.refused(b.getMessage());
      case ServiceException.RateLimited r -> ToolResults.refused(r.getMessage());
    };
  }
}
