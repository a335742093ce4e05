package dev.agentdispatch.server.doors.a2a;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.invocation.IllegalTransitionException;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionRequests;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.invocation.InvocationQuery;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A2A's task operations over the session and invocation services: a context is a session of the
 * agent's function for the chosen skill, a message is an input sent with strategy {@code reject}
 * (it starts the next run, or answers a run waiting for input; while a run is busy it is refused),
 * and a task is the run it started or resumed.
 */
final class A2aTasks {
  /** The longest a blocking send waits for its task to settle before answering with it as it is. */
  static final Duration BLOCKING_WAIT = Duration.ofSeconds(60);

  /** The most inputs of one task searched for a retried answer (a task takes one per turn). */
  private static final int INPUTS_OF_TASK = 100;

  private final SessionService sessions;
  private final InvocationService invocations;

  A2aTasks(SessionService sessions, InvocationService invocations) {
    this.sessions = sessions;
    this.invocations = invocations;
  }

  /** Whether a task's state stops a blocking send or a stream: terminal, or input required. */
  static boolean settled(Invocation inv) {
    return inv.status().terminal() || inv.status() == InvocationStatus.WAITING_FOR_INPUT;
  }

  /**
   * Sends {@code message} to {@code agent}; answers with the run it started or resumed. The
   * message's {@code messageId} is the input's idempotency key in its context: a retry of a send
   * answers with the task the first one made and runs nothing again; the same id with other content
   * is refused. A first message without a {@code contextId} opens a context whose id is derived
   * from the agent and the message id, so that its retry finds it.
   */
  Invocation send(String namespace, AgentSpec agent, IncomingMessage incoming) {
    IncomingMessage message = incoming;
    if (message.messageId().isPresent() && message.taskId().isPresent()) {
      Optional<Invocation> answered = answered(namespace, agent, message);
      if (answered.isPresent()) {
        return answered.get();
      }
    }
    if (message.contextId().isEmpty() && message.taskId().isEmpty()) {
      message = message.withContextId(message.messageId().map(m -> derivedContext(agent, m)));
    }
    SessionRequests.Input input =
        new SessionRequests.Input(message.input(), InputStrategy.REJECT, message.messageId());
    try {
      SessionService.Submitted submitted = submit(namespace, agent, message, input);
      String runId =
          submitted
              .input()
              .runId()
              .orElseThrow(() -> new IllegalStateException("an accepted input has no run"));
      return invocations.find(namespace, runId);
    } catch (ServiceException.Conflict e) {
      if (e.code().equals("idempotency_conflict")) {
        throw reused(message.messageId().orElseThrow());
      }
      throw e;
    }
  }

  private SessionService.Submitted submit(
      String namespace, AgentSpec agent, IncomingMessage message, SessionRequests.Input input) {
    Optional<SessionRecord> known = known(namespace, agent, message);
    if (known.isEmpty()) {
      return open(namespace, agent, message, input);
    }
    SessionRecord session = known.get();
    message
        .skillId()
        .filter(s -> !s.equals(session.function()))
        .ifPresent(s -> {
          throw RpcError.invalidParams(
              "context '"
                  + session.id()
                  + "' talks to skill '"
                  + session.function()
                  + "', not '"
                  + s
                  + "': start a new context for another skill");
        });
    return sessions.submit(namespace, session.id(), input);
  }

  /**
   * The context id of a first message sent without one: the same for a retry of that message (the
   * same agent and messageId), a session name ({@code a2a-} and 40 hex digits).
   */
  static String derivedContext(AgentSpec agent, String messageId) {
    return "a2a-" + KeySecrets.hash(agent.name() + "\n" + messageId).substring(0, 40);
  }

  /**
   * A retry of a message that answered a task which has moved on since (it no longer requires
   * input): the task, when that task's run took an input with this messageId and the same content.
   * Empty when no such input exists (the message is new: it is refused as usual).
   */
  private Optional<Invocation> answered(
      String namespace, AgentSpec agent, IncomingMessage message) {
    Invocation task = task(namespace, agent, message.taskId().get());
    if (task.status() == InvocationStatus.WAITING_FOR_INPUT || task.spec().sessionId().isEmpty()) {
      return Optional.empty();
    }
    String messageId = message.messageId().get();
    Optional<SessionInput> earlier =
        sessions
            .inputs(
                namespace, task.spec().sessionId().get(), Optional.of(task.id()), 0, INPUTS_OF_TASK)
            .stream()
            .filter(i -> i.idempotencyKey().equals(Optional.of(messageId)))
            .findFirst();
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!Json.tree(earlier.get().inputJson()).equals(message.input())) {
      throw reused(messageId);
    }
    return Optional.of(task);
  }

  private static RpcError reused(String messageId) {
    return RpcError.invalidParams(
        "messageId '"
            + messageId
            + "' was already sent in this context with different content: a retry resends the"
            + " same message, a new message needs a new messageId");
  }

  /** The session the message continues: its task's, or the context it names, if that exists. */
  private Optional<SessionRecord> known(
      String namespace, AgentSpec agent, IncomingMessage message) {
    if (message.taskId().isPresent()) {
      Invocation task = task(namespace, agent, message.taskId().get());
      if (task.status() != InvocationStatus.WAITING_FOR_INPUT
          || task.spec().sessionId().isEmpty()) {
        throw RpcError.invalidParams(
            "task '"
                + task.id()
                + "' is "
                + task.status().wire()
                + ": only a task that requires input takes a message (send without taskId to"
                + " start a new task)");
      }
      String contextId = task.spec().sessionId().get();
      message
          .contextId()
          .filter(c -> !c.equals(contextId))
          .ifPresent(c -> {
            throw RpcError.invalidParams(
                "task '" + task.id() + "' belongs to context '" + contextId + "', not '" + c + "'");
          });
      return Optional.of(sessions.get(namespace, contextId));
    }
    if (message.contextId().isEmpty()) {
      return Optional.empty();
    }
    String contextId = message.contextId().get();
    SessionRecord session;
    try {
      session = sessions.get(namespace, contextId);
    } catch (ServiceException.NotFound absent) {
      return Optional.empty();
    }
    if (!session.agent().equals(agent.name())) {
      throw RpcError.invalidParams(
          "context '" + contextId + "' belongs to another agent than '" + agent.name() + "'");
    }
    return Optional.of(session);
  }

  /** A new context: a session of the skill's function, named by the client or by us. */
  private SessionService.Submitted open(
      String namespace, AgentSpec agent, IncomingMessage message, SessionRequests.Input input) {
    FunctionSpec skill = skill(agent, message.skillId());
    try {
      return sessions.openWith(
          namespace,
          new SessionRequests.Create(
              agent.name(),
              Optional.of(skill.name()),
              message.contextId(),
              JsonNodeFactory.instance.objectNode().put("opened_by", "a2a"),
              JsonNodeFactory.instance.objectNode()),
          input);
    } catch (ServiceException.Conflict raced) {
      if (!raced.code().equals("session_exists") || message.contextId().isEmpty()) {
        throw raced;
      }
      // Another message (or this one's retry) opened the same context first: this one continues it.
      return submit(namespace, agent, message, input);
    }
  }

  /**
   * The function a new context runs: the one {@code skillId} names, else the agent's only callable
   * function, else the default it declares in its metadata ({@code {"a2a": {"default_skill": …}}}).
   */
  static FunctionSpec skill(AgentSpec agent, Optional<String> skillId) {
    List<FunctionSpec> callable = Skills.callable(agent);
    List<String> names = callable.stream().map(FunctionSpec::name).toList();
    if (skillId.isPresent()) {
      return callable.stream()
          .filter(f -> f.name().equals(skillId.get()))
          .findFirst()
          .orElseThrow(() ->
              RpcError.invalidParams(
                  "agent '" + agent.name() + "' has no skill '" + skillId.get() + "': " + names));
    }
    if (callable.size() == 1) {
      return callable.get(0);
    }
    Optional<String> declared = Skills.declaredDefault(agent);
    return declared
        .flatMap(d -> callable.stream().filter(f -> f.name().equals(d)).findFirst())
        .orElseThrow(() ->
            RpcError.invalidParams(
                "agent '"
                    + agent.name()
                    + "' has several skills: name one in metadata.skillId, one of "
                    + names));
  }

  /** The task {@code id} of {@code agent}; task-not-found for another agent's invocation. */
  Invocation task(String namespace, AgentSpec agent, String id) {
    try {
      Invocation inv = invocations.find(namespace, id);
      if (!inv.spec().agent().equals(agent.name())) {
        throw RpcError.taskNotFound(id);
      }
      return inv;
    } catch (ServiceException.NotFound | IllegalArgumentException e) {
      throw RpcError.taskNotFound(id);
    }
  }

  /** Waits (up to {@code max}) for the task to settle: end, or require input. */
  Invocation settle(Invocation inv, Duration max) {
    Instant deadline = Instant.now().plus(max);
    Invocation now = inv;
    while (!settled(now)) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return now;
      }
      now = invocations.awaitChange(now.spec().namespace(), now.id(), now.status(), left);
    }
    return now;
  }

  /** The next state of a task that is in {@code from}, or as it is after {@code max}. */
  Invocation next(Invocation inv, Duration max) {
    return invocations.awaitChange(inv.spec().namespace(), inv.id(), inv.status(), max);
  }

  /**
   * Cancels the task; a task that already ended is not cancelable. A running task stops when its
   * worker sees the request, so the answer waits a moment for that.
   */
  Invocation cancel(String namespace, AgentSpec agent, String id) {
    Invocation task = task(namespace, agent, id);
    if (task.status().terminal()) {
      throw notCancelable(task);
    }
    try {
      Invocation cancelled = invocations.cancel(namespace, id, false);
      return settle(cancelled, Duration.ofSeconds(5));
    } catch (IllegalTransitionException e) {
      throw notCancelable(invocations.find(namespace, id));
    }
  }

  private static RpcError notCancelable(Invocation task) {
    return new RpcError(
        RpcError.TASK_NOT_CANCELABLE,
        "task '" + task.id() + "' is " + task.status().wire() + " and cannot be canceled");
  }

  /** One page of a task listing, and how many tasks match its filters on every page. */
  record Listing(Page<Invocation> page, long totalSize) {}

  /**
   * One page of the agent's tasks, newest first, optionally of one context and state. {@code
   * pageToken} is the {@code nextPageToken} of the page before (the last task it listed); a token
   * this agent never gave out is refused rather than read as the start.
   */
  Listing list(String namespace, AgentSpec agent, Dialect d, JsonNode params) {
    Optional<String> contextId = text(params, "contextId");
    Optional<InvocationStatus> status =
        text(params, "status")
            .filter(s -> !s.equals("TASK_STATE_UNSPECIFIED"))
            .map(s ->
                d.status(s)
                    .orElseThrow(() ->
                        RpcError.invalidParams(
                            "status '" + s + "' is not a task" + " state Dispatch has")));
    int pageSize = 50;
    JsonNode size = params.path("pageSize");
    if (!size.isMissingNode() && !size.isNull()) {
      if (!size.canConvertToInt() || size.asInt() < 1 || size.asInt() > 100) {
        throw RpcError.invalidParams("pageSize must be an integer from 1 to 100, got " + size);
      }
      pageSize = size.asInt();
    }
    Optional<String> pageToken = text(params, "pageToken");
    pageToken.ifPresent(t -> {
      try {
        task(namespace, agent, t);
      } catch (RpcError unknown) {
        throw RpcError.invalidParams(
            "pageToken '" + t + "' is not a nextPageToken of this agent's ListTasks");
      }
    });
    InvocationQuery query =
        new InvocationQuery(
            namespace,
            status,
            Optional.of(agent.name()),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            contextId,
            false,
            pageSize,
            pageToken);
    return new Listing(invocations.list(query), invocations.count(query));
  }

  /** A string parameter; absent when missing or empty. */
  static Optional<String> text(JsonNode params, String field) {
    JsonNode v = params.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isString()) {
      throw RpcError.invalidParams(field + " must be a string, got " + json(v));
    }
    return Optional.of(v.asString()).filter(s -> !s.isEmpty());
  }

  private static String json(JsonNode v) {
    try {
      return Json.write(v);
    } catch (JacksonException e) {
      return v.getNodeType().toString();
    }
  }
}
