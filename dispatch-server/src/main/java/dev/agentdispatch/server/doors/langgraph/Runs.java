package dev.agentdispatch.server.doors.langgraph;

import dev.agentdispatch.core.invocation.IllegalTransitionException;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionRequests;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.signals.WaitKey;
import dev.agentdispatch.server.app.signals.Waiters;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs over session inputs: a LangGraph run is one input of the thread's session (its id is the
 * input's id), and its status that of the invocation the input started or resumed. A queued input
 * is a pending run.
 */
final class Runs {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Duration RECHECK = Duration.ofSeconds(1);
  private static final int PAGE = 1000;

  private final SessionService sessions;
  private final InvocationService invocations;
  private final LogService logs;
  private final BooleanSupplier open;

  Runs(
      SessionService sessions,
      InvocationService invocations,
      LogService logs,
      BooleanSupplier open) {
    this.sessions = sessions;
    this.invocations = invocations;
    this.logs = logs;
    this.open = open;
  }

  /** What a run asks for: new input, or the answer to the thread's interrupt. */
  record Request(JsonNode input, boolean resume, InputStrategy strategy) {}

  /**
   * Reads the run fields of {@code body}: {@code input} or {@code command.resume}, and strategy.
   */
  static Request request(Body body) {
    Optional<JsonNode> input = body.field("input");
    Optional<JsonNode> resume = Optional.empty();
    if (body.field("command").isPresent()) {
      JsonNode command = body.field("command").get();
      if (!command.isObject() || !command.has("resume") || command.size() != 1) {
        throw new ServiceException.Invalid(
            "command must be {\"resume\": …}: goto and update are not supported");
      }
      resume = Optional.of(command.get("resume"));
    }
    if (input.isPresent() == resume.isPresent()) {
      throw new ServiceException.Invalid("a run takes either input or command.resume, not both");
    }
    // The platform's default: a run sent while another is active waits its turn.
    String strategy = body.text("multitask_strategy").orElse("enqueue");
    InputStrategy s =
        switch (strategy) {
          case "reject" -> InputStrategy.REJECT;
          case "enqueue" -> InputStrategy.ENQUEUE;
          case "interrupt" -> InputStrategy.INTERRUPT;
          case "rollback" -> InputStrategy.ROLLBACK;
          default ->
              throw new ServiceException.Invalid(
                  "multitask_strategy must be reject, enqueue, interrupt or rollback, got '"
                      + strategy
                      + "'");
        };
    JsonNode value = input.orElseGet(resume::get);
    if (resume.isPresent() && value.isString()) {
      value = JSON.objectNode().put("text", value.asString()); // Command(resume="yes")
    }
    if (!value.isObject()) {
      throw new ServiceException.Invalid(
          (resume.isPresent() ? "command.resume" : "input")
              + " must be an object (the function's input) or, for resume, a string");
    }
    return new Request(value, resume.isPresent(), s);
  }

  /**
   * Sends the run's input to the thread's session. A resume answers the interrupted run; new input
   * while the thread is interrupted is refused (LangGraph would drop the interrupt; Dispatch would
   * take it as the answer), unless the strategy cancels the waiting run.
   */
  SessionInput submit(SessionRecord session, Request r) {
    boolean waiting = session.activeRunStatus().orElse(null) == InvocationStatus.WAITING_FOR_INPUT;
    if (r.resume() && !waiting) {
      throw new ServiceException.Conflict(
          "not_interrupted",
          "thread '" + session.id() + "' has no interrupted run to resume",
          Optional.empty());
    }
    if (!r.resume()
        && waiting
        && (r.strategy() == InputStrategy.REJECT || r.strategy() == InputStrategy.ENQUEUE)) {
      throw new ServiceException.Conflict(
          "interrupted",
          "thread '"
              + session.id()
              + "' is interrupted: answer with command.resume, or send with multitask_strategy"
              + " interrupt or rollback",
          Optional.empty());
    }
    InputStrategy strategy = r.resume() ? InputStrategy.REJECT : r.strategy();
    return sessions
        .submit(
            session.namespace(),
            session.id(),
            new SessionRequests.Input(r.input(), strategy, Optional.empty()))
        .input();
  }

  /** The run {@code runId} of the thread. */
  SessionInput find(SessionRecord session, String runId) {
    long after = 0;
    while (true) {
      List<SessionInput> page =
          sessions.inputs(session.namespace(), session.id(), Optional.empty(), after, PAGE);
      for (SessionInput in : page) {
        if (in.id().equals(runId) && in.status() != InputStatus.REJECTED) {
          return in;
        }
        after = in.seq();
      }
      if (page.size() < PAGE) {
        throw new ServiceException.NotFound(
            "run '" + runId + "' not found in thread '" + session.id() + "'");
      }
    }
  }

  List<SessionInput> list(SessionRecord session, int limit, int offset) {
    List<SessionInput> all =
        sessions.inputs(session.namespace(), session.id(), Optional.empty(), 0, PAGE).stream()
            .filter(i -> i.status() != InputStatus.REJECTED)
            .toList()
            .reversed();
    return all.stream().skip(offset).limit(limit).toList();
  }

  /** The input as it stands now (its run may have started since). */
  SessionInput reread(SessionRecord session, SessionInput input) {
    List<SessionInput> now =
        sessions.inputs(session.namespace(), session.id(), Optional.empty(), input.seq() - 1, 1);
    return now.isEmpty() ? input : now.get(0);
  }

  Optional<Invocation> invocation(SessionRecord session, SessionInput input) {
    return input.runId().map(id -> invocations.find(session.namespace(), id));
  }

  ObjectNode view(SessionRecord session, SessionInput input) {
    Optional<Invocation> inv = invocation(session, input);
    ObjectNode v = JSON.objectNode();
    v.put("run_id", input.id());
    v.put("thread_id", session.id());
    v.put(
        "assistant_id",
        Assistants.Assistant.id(session.namespace(), session.agent(), session.function()));
    v.put("created_at", input.createdAt().toString());
    v.put("updated_at", inv.map(i -> i.state().updatedAt()).orElse(input.createdAt()).toString());
    v.put("status", status(input, inv));
    v.putObject("metadata");
    v.put("multitask_strategy", input.strategy().wire());
    v.putObject("kwargs").set("input", Json.tree(input.inputJson()));
    inv.ifPresent(i -> v.putObject("metadata").put("invocation_id", i.id()));
    return v;
  }

  static String status(SessionInput input, Optional<Invocation> inv) {
    if (inv.isEmpty()) {
      return "pending";
    }
    return switch (inv.get().status()) {
      case PENDING -> "pending";
      case RUNNING -> "running";
      case WAITING_FOR_INPUT, CANCELLED -> "interrupted";
      case COMPLETED -> "success";
      case TIMED_OUT -> "timeout";
      default -> "error";
    };
  }

  /** Whether a run stops a wait or a stream: ended, or interrupted waiting for input. */
  static boolean settled(Invocation inv) {
    return inv.status().terminal() || inv.status() == InvocationStatus.WAITING_FOR_INPUT;
  }

  /**
   * The input once it has a run (at once when it started or resumed one, else once the runs queued
   * before it are over); empty when the server closes or {@code max} passes first.
   */
  Optional<SessionInput> started(SessionRecord session, SessionInput input, Duration max) {
    Instant deadline = Instant.now().plus(max);
    WaitKey key = logs.session(session.namespace(), session.id()).key();
    SessionInput now = input;
    while (now.runId().isEmpty()) {
      if (!open.getAsBoolean() || Instant.now().isAfter(deadline)) {
        return Optional.empty();
      }
      CompletableFuture<Void> grew = logs.waiters().register(key);
      try {
        now = reread(session, input);
        if (now.runId().isEmpty()) {
          Waiters.await(grew, RECHECK);
        }
      } finally {
        logs.waiters().forget(key, grew);
      }
    }
    return Optional.of(now);
  }

  /** Waits until the run settles (or the server closes); its invocation as it then is. */
  Invocation settle(String namespace, Invocation inv, Duration max) {
    Instant deadline = Instant.now().plus(max);
    Invocation now = inv;
    while (!settled(now) && open.getAsBoolean()) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return now;
      }
      now =
          invocations.awaitChange(
              namespace, now.id(), now.status(), left.compareTo(RECHECK) < 0 ? left : RECHECK);
    }
    return now;
  }

  /** The values a run ends with (or where it stands when the wait gave up). */
  JsonNode join(SessionRecord session, SessionInput input, Duration max) {
    Optional<SessionInput> started = started(session, input, max);
    if (started.isEmpty()) {
      return JSON.objectNode();
    }
    Invocation inv = invocation(session, started.get()).orElseThrow();
    return Threads.values(Optional.of(settle(session.namespace(), inv, max)));
  }

  /** Cancels the run's invocation; a queued run or an ended one is not cancelable. */
  SessionInput cancel(SessionRecord session, SessionInput input) {
    Optional<Invocation> inv = invocation(session, input);
    if (inv.isEmpty()) {
      throw new ServiceException.Conflict(
          "run_queued",
          "run '" + input.id() + "' is queued and has no invocation to cancel yet",
          Optional.empty());
    }
    if (inv.get().status().terminal()) {
      throw notCancelable(input, inv.get());
    }
    try {
      Invocation cancelled = invocations.cancel(session.namespace(), inv.get().id(), false);
      settle(session.namespace(), cancelled, Duration.ofSeconds(5));
    } catch (IllegalTransitionException e) {
      throw notCancelable(input, invocations.find(session.namespace(), inv.get().id()));
    }
    return input;
  }

  private static ServiceException.Conflict notCancelable(SessionInput input, Invocation inv) {
    return new ServiceException.Conflict(
        "run_ended",
        "run '" + input.id() + "' is " + inv.status().wire() + " and cannot be cancelled",
        Optional.empty());
  }
}
