package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.session.InputOutcome;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.store.invocation.InvocationEvent;
import dev.agentdispatch.store.invocation.NewEvent;
import dev.agentdispatch.store.session.SessionInput;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an A2A push remembers of a session run across its waits for input. The run's own log keeps
 * it, so no column does: at the end of each attempt of a session run the push appends a {@code log}
 * entry naming the remote task and the state it ended in ({@code data.a2a}); a later attempt of the
 * same run (the resume after an input, or a retry) reads the latest such entry, and continues that
 * remote task while it is {@code input-required}. Only the lease holder writes to a run's log, and
 * an A2A agent is never told the lease, so the entries are the push's own.
 */
final class A2aRuns {
  /** The most log entries or inputs read per page. */
  private static final int PAGE = InvocationService.MAX_EVENTS;

  private final InvocationService invocations;
  private final SessionService sessions;

  A2aRuns(InvocationService invocations, SessionService sessions) {
    this.invocations = Objects.requireNonNull(invocations, "invocations is null");
    this.sessions = Objects.requireNonNull(sessions, "sessions is null");
  }

  /**
   * A remote task a run's attempt ended on, as its log entry says.
   *
   * @param at when the entry was written: an input that answers this wait came later
   */
  record RemoteTask(String taskId, String contextId, URI cardUrl, String state, Instant at) {
    RemoteTask {
      Objects.requireNonNull(taskId, "taskId is null");
      Objects.requireNonNull(contextId, "contextId is null");
      Objects.requireNonNull(cardUrl, "cardUrl is null");
      Objects.requireNonNull(state, "state is null");
      Objects.requireNonNull(at, "at is null");
    }

    /** The log entry that records it. */
    NewEvent entry() {
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("message", "A2A task " + taskId + " (context " + contextId + ") is " + state);
      data.putObject("a2a")
          .put("task_id", taskId)
          .put("context_id", contextId)
          .put("card_url", cardUrl.toString())
          .put("state", state);
      return new NewEvent("log", Json.write(data));
    }
  }

  /**
   * The remote task at {@code cardUrl} the session run's latest recorded attempt left waiting for
   * input; empty for a plain invocation, a run that never waited, or one whose remote task moved on
   * (it completed, failed, or the agent's card URL changed), which starts a new task.
   */
  Optional<RemoteTask> waitingOn(Invocation run, URI cardUrl) {
    if (run.spec().sessionId().isEmpty()) {
      return Optional.empty();
    }
    Optional<RemoteTask> latest = Optional.empty();
    long after = 0;
    while (true) {
      List<InvocationEvent> page =
          invocations.events(run.spec().namespace(), run.id(), after, PAGE);
      for (InvocationEvent e : page) {
        after = e.seq();
        if (e.type().equals("log")) {
          Optional<RemoteTask> t = parse(e);
          latest = t.isPresent() ? t : latest;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    return latest.filter(t -> t.state().equals("input-required") && t.cardUrl().equals(cardUrl));
  }

  /**
   * The input that answered the wait on {@code task}: the latest one that resumed the run after the
   * wait was recorded; empty when the run was not resumed since (its attempt ended before it could
   * report the wait).
   */
  Optional<SessionInput> answer(Invocation run, RemoteTask task) {
    String namespace = run.spec().namespace();
    String session = run.spec().sessionId().orElseThrow();
    Optional<SessionInput> answer = Optional.empty();
    long after = 0;
    while (true) {
      List<SessionInput> page =
          sessions.inputs(namespace, session, Optional.of(run.id()), after, PAGE);
      for (SessionInput i : page) {
        after = i.seq();
        if (i.outcome() == InputOutcome.RESUMED && !i.createdAt().isBefore(task.at())) {
          answer = Optional.of(i);
        }
      }
      if (page.size() < PAGE) {
        return answer;
      }
    }
  }

  private static Optional<RemoteTask> parse(InvocationEvent e) {
    try {
      JsonNode a2a = Json.tree(e.dataJson()).path("a2a");
      if (!a2a.path("task_id").isString()
          || !a2a.path("context_id").isString()
          || !a2a.path("card_url").isString()
          || !a2a.path("state").isString()) {
        return Optional.empty();
      }
      return Optional.of(
          new RemoteTask(
              a2a.path("task_id").asString(),
              a2a.path("context_id").asString(),
              URI.create(a2a.path("card_url").asString()),
              a2a.path("state").asString(),
              e.at()));
    } catch (JacksonException | IllegalArgumentException | NullPointerException notOurs) {
      return Optional.empty(); // another log entry
    }
  }
}
