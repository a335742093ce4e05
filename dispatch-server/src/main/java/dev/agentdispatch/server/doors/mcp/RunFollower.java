package dev.agentdispatch.server.doors.mcp;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionRequests;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.signals.WaitKey;
import dev.agentdispatch.server.app.signals.Waiters;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.app.streams.LogSource;
import dev.agentdispatch.server.doors.http.EventStreams;
import dev.agentdispatch.store.invocation.InvocationEvent;
import dev.agentdispatch.store.session.SessionInput;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Waits for the run of a {@code tools/call} on the request's own (virtual) thread, woken by the
 * store's after-commit signals: sends each entry of its event log as a progress notification when
 * the client gave a progress token, asks the user through {@code elicitation/create} when the run
 * waits for input (if the client can answer), and maps the end to a result.
 */
final class RunFollower {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Duration RECHECK = Duration.ofSeconds(1);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final InvocationService invocations;
  private final SessionService sessions;
  private final LogService logs;
  private final BooleanSupplier open;

  RunFollower(
      InvocationService invocations,
      SessionService sessions,
      LogService logs,
      BooleanSupplier open) {
    this.invocations = invocations;
    this.sessions = sessions;
    this.logs = logs;
    this.open = open;
  }

  /** The call being followed. */
  record Run(
      String namespace,
      ToolCatalog.Tool tool,
      ToolResults.Ran ran,
      Optional<McpSession> session,
      Optional<JsonNode> progressToken,
      ToolCalls.Call call) {}

  /**
   * The run that took session input {@code input}: at once when it started or resumed one, else
   * once the runs queued before it are over. Empty when the call is cancelled meanwhile.
   */
  Optional<String> runOf(
      String namespace, SessionInput input, ToolCalls.Call call, Channel channel) {
    if (input.runId().isPresent()) {
      return input.runId();
    }
    WaitKey key = logs.session(namespace, input.sessionId()).key();
    long lastWrite = System.nanoTime();
    while (!call.cancelled() && open.getAsBoolean()) {
      CompletableFuture<Void> grew = logs.waiters().register(key);
      try {
        List<SessionInput> now =
            sessions.inputs(namespace, input.sessionId(), Optional.empty(), input.seq() - 1, 1);
        if (!now.isEmpty() && now.get(0).runId().isPresent()) {
          return now.get(0).runId();
        }
        channel.checkKey();
        lastWrite = keepAlive(channel, lastWrite);
        Waiters.await(grew, RECHECK);
      } finally {
        logs.waiters().forget(key, grew);
      }
    }
    return Optional.empty();
  }

  /** Follows the run to its end (or its wait for input); empty when the client cancelled it. */
  Optional<ObjectNode> follow(Run run, Channel channel) {
    String id = run.ran().invocationId();
    LogSource<InvocationEvent> log = logs.invocation(run.namespace(), id);
    long cursor = lastSeq(log);
    long lastWrite = System.nanoTime();
    while (true) {
      if (run.call().cancelled()) {
        return Optional.empty();
      }
      if (!open.getAsBoolean()) {
        return Optional.of(
            ToolResults.refused(
                "the server is shutting down; invocation " + id + " goes on without this call"));
      }
      CompletableFuture<Void> grew = logs.waiters().register(log.key());
      try {
        for (InvocationEvent e : log.read(cursor, 500).entries()) {
          cursor = e.seq();
          if (run.progressToken().isPresent() && channel.streaming()) {
            channel.send(progress(run.progressToken().get(), e));
            lastWrite = System.nanoTime();
          }
        }
        Invocation inv = invocations.find(run.namespace(), id);
        if (inv.status().terminal()) {
          return Optional.of(ToolResults.ended(run.tool().name(), inv, run.ran()));
        }
        if (inv.status() == InvocationStatus.WAITING_FOR_INPUT) {
          Optional<ObjectNode> paused = paused(run, inv, channel);
          if (paused.isPresent() || run.call().cancelled()) {
            return paused;
          }
          continue; // answered (or no longer waiting): follow on
        }
        channel.checkKey();
        lastWrite = keepAlive(channel, lastWrite);
        Waiters.await(grew, RECHECK);
      } finally {
        logs.waiters().forget(log.key(), grew);
      }
    }
  }

  /**
   * The run waits for input: asks the user when the client can be asked, and sends the answer as
   * the session's next input. Empty when the run goes on (answered, or no longer waiting); else the
   * result that tells the client how to answer later.
   */
  private Optional<ObjectNode> paused(Run run, Invocation inv, Channel channel) {
    JsonNode prompt = inv.state().resultJson().map(Json::tree).orElse(JSON.objectNode());
    if (run.ran().session().isEmpty()) {
      // Only a session's run can be resumed; a plain invocation waiting would wait for nothing.
      run.call().cancel();
      return Optional.of(
          ToolResults.refused(
              run.tool().name()
                  + " waits for input, which needs a conversation: call it in an MCP session, or"
                  + " name a Dispatch session in _meta[\""
                  + ToolResults.SESSION
                  + "\"]. The invocation was cancelled."));
    }
    Optional<ObjectNode> schema = ToolCatalog.elicitable(run.tool().spec());
    boolean canAsk =
        channel.streaming()
            && schema.isPresent()
            && run.session().map(McpSession::elicitation).orElse(false);
    if (!canAsk) {
      return Optional.of(ToolResults.waiting(run.tool().name(), prompt, run.ran()));
    }
    McpSession session = run.session().get();
    Optional<JsonNode> answer = ask(run, session, prompt, schema.get(), channel);
    if (answer.isEmpty()) {
      return stillWaiting(run)
          ? Optional.of(ToolResults.waiting(run.tool().name(), prompt, run.ran()))
          : Optional.empty();
    }
    try {
      sessions.submit(
          run.namespace(),
          run.ran().session().get(),
          new SessionRequests.Input(answer.get(), InputStrategy.ENQUEUE, Optional.empty()));
    } catch (ServiceException.Unprocessable bad) {
      return Optional.of(ToolResults.invalidArguments(bad.getMessage(), bad.details()));
    }
    return Optional.empty();
  }

  /**
   * Sends {@code elicitation/create} on the call's stream and waits for the user's answer: the
   * content of an {@code accept}; empty for {@code decline}, {@code cancel}, an error, or when the
   * run stopped waiting meanwhile (cancelled, timed out, answered elsewhere).
   */
  private Optional<JsonNode> ask(
      Run run, McpSession session, JsonNode prompt, ObjectNode schema, Channel channel) {
    String requestId = "elicit-" + UUID.randomUUID();
    ObjectNode params = JSON.objectNode();
    if (session.protocolVersion().compareTo("2025-11-25") >= 0) {
      params.put("mode", "form");
    }
    params.put("message", ToolResults.question(prompt));
    params.set("requestedSchema", schema);
    CompletableFuture<JsonNode> answer = session.expect(requestId);
    try {
      channel.send(JsonRpc.outgoing(requestId, "elicitation/create", params));
      while (true) {
        try {
          JsonNode response = answer.get(EventStreams.RECHECK.toMillis(), TimeUnit.MILLISECONDS);
          JsonNode result = response.path("result");
          return result.path("action").asString("").equals("accept")
                  && result.path("content").isObject()
              ? Optional.of(result.path("content"))
              : Optional.empty();
        } catch (TimeoutException quiet) {
          channel.checkKey();
          channel.keepAlive();
          if (run.call().cancelled() || !open.getAsBoolean() || !stillWaiting(run)) {
            return Optional.empty();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty();
    } finally {
      session.forget(requestId);
    }
  }

  private boolean stillWaiting(Run run) {
    return invocations.find(run.namespace(), run.ran().invocationId()).status()
        == InvocationStatus.WAITING_FOR_INPUT;
  }

  /** The seq the log has reached: a resumed run's earlier entries are not this call's progress. */
  private static long lastSeq(LogSource<InvocationEvent> log) {
    long seq = 0;
    while (true) {
      List<InvocationEvent> batch = log.read(seq, 500).entries();
      if (batch.isEmpty()) {
        return seq;
      }
      seq = batch.get(batch.size() - 1).seq();
    }
  }

  /** A log entry as {@code notifications/progress}: its seq only grows, as MCP's progress must. */
  private static ObjectNode progress(JsonNode token, InvocationEvent e) {
    ObjectNode params = JSON.objectNode();
    params.set("progressToken", token);
    params.put("progress", e.seq());
    params.put("message", e.type() + ": " + e.dataJson());
    return JsonRpc.outgoing(null, "notifications/progress", params);
  }

  private static long keepAlive(Channel channel, long lastWrite) {
    if (System.nanoTime() - lastWrite < KEEP_ALIVE.toNanos()) {
      return lastWrite;
    }
    channel.keepAlive();
    return System.nanoTime();
  }
}
