package dev.agentdispatch.server.doors.langgraph;

import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionRequests;
import dev.agentdispatch.server.app.sessions.SessionReservations;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.invocation.InvocationQuery;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.StateRevision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Threads over sessions: a thread is a session of one assistant's function; its status comes from
 * the session's active run (busy, interrupted) or its last run (error, idle); its values are the
 * last run's output.
 */
final class Threads {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SessionService sessions;
  private final SessionReservations reservations;
  private final InvocationService invocations;

  Threads(
      SessionService sessions, SessionReservations reservations, InvocationService invocations) {
    this.sessions = sessions;
    this.reservations = reservations;
    this.invocations = invocations;
  }

  /** Stores a thread made without an assistant: its id and metadata, until its first run. */
  SessionReservations.Reservation reserve(String namespace, String id, ObjectNode metadata) {
    return reservations.reserve(namespace, id, metadata);
  }

  Optional<SessionReservations.Reservation> reserved(String namespace, String id) {
    return reservations.find(namespace, id);
  }

  Page<SessionReservations.Reservation> reservations(String namespace, Optional<String> cursor) {
    return reservations.list(namespace, 100, cursor);
  }

  boolean cancelReservation(String namespace, String id) {
    return reservations.cancel(namespace, id);
  }

  /** Opens the session of a thread made without an assistant, with its first run's assistant. */
  SessionRecord open(SessionReservations.Reservation r, Assistants.Assistant assistant) {
    return reservations.open(r, create(assistant, Optional.of(r.id()), JSON.objectNode()));
  }

  /** A thread before its first run: idle, no values. */
  static ObjectNode view(SessionReservations.Reservation r) {
    ObjectNode v = JSON.objectNode();
    v.put("thread_id", r.id());
    v.put("created_at", r.createdAt().toString());
    v.put("updated_at", r.updatedAt().toString());
    v.set("metadata", r.metadata().deepCopy());
    v.put("status", "idle");
    v.putObject("values");
    v.putObject("interrupts");
    return v;
  }

  /** The state of a thread before its first run: empty, with no checkpoint yet. */
  static ObjectNode state(SessionReservations.Reservation r) {
    ObjectNode v = JSON.objectNode();
    v.putObject("values");
    v.putArray("next");
    v.putArray("tasks");
    v.putObject("metadata");
    v.putNull("checkpoint");
    v.putNull("parent_checkpoint");
    v.putNull("created_at");
    return v;
  }

  /** Opens the thread as a session of {@code assistant}, with the client's metadata. */
  SessionRecord open(
      String namespace, Assistants.Assistant assistant, Optional<String> id, ObjectNode metadata) {
    return sessions.create(namespace, create(assistant, id, metadata));
  }

  private static SessionRequests.Create create(
      Assistants.Assistant assistant, Optional<String> id, ObjectNode metadata) {
    ObjectNode meta = metadata.deepCopy();
    meta.put("graph_id", assistant.graphId()).put("assistant_id", assistant.id());
    meta.put("opened_by", "langgraph");
    return new SessionRequests.Create(
        assistant.agent().name(),
        Optional.of(assistant.function().name()),
        id,
        meta,
        JSON.objectNode());
  }

  void delete(String namespace, String id) {
    sessions.delete(namespace, id);
  }

  Page<SessionRecord> page(String namespace, Optional<String> cursor) {
    return sessions.list(namespace, Optional.empty(), 100, cursor);
  }

  /** Refuses an input the assistant's function would refuse, before a session is opened for it. */
  void checkInput(String namespace, Assistants.Assistant a, JsonNode input) {
    sessions.checkInput(namespace, a.agent().name(), a.function().name(), input);
  }

  SessionRecord get(String namespace, String id) {
    try {
      return sessions.get(namespace, id);
    } catch (ServiceException.NotFound e) {
      throw new ServiceException.NotFound("thread '" + id + "' not found");
    }
  }

  Optional<SessionRecord> find(String namespace, String id) {
    try {
      return Optional.of(sessions.get(namespace, id));
    } catch (ServiceException.NotFound | ServiceException.Invalid e) {
      return Optional.empty();
    }
  }

  /** The session's newest run. */
  Optional<Invocation> lastRun(SessionRecord s) {
    return invocations
        .list(
            new InvocationQuery(
                s.namespace(),
                Optional.empty(),
                Optional.of(s.agent()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(s.id()),
                false,
                1,
                Optional.empty()))
        .items()
        .stream()
        .findFirst();
  }

  static String status(SessionRecord s, Optional<Invocation> last) {
    if (s.activeRunStatus().isPresent()) {
      return s.activeRunStatus().get() == InvocationStatus.WAITING_FOR_INPUT
          ? "interrupted"
          : "busy";
    }
    return last.map(i ->
            i.status() == InvocationStatus.ERROR || i.status() == InvocationStatus.TIMED_OUT
                ? "error"
                : "idle")
        .orElse("idle");
  }

  ObjectNode view(SessionRecord s) {
    Optional<Invocation> last = lastRun(s);
    ObjectNode v = JSON.objectNode();
    v.put("thread_id", s.id());
    v.put("created_at", s.createdAt().toString());
    v.put("updated_at", s.updatedAt().toString());
    v.set("metadata", Json.tree(s.metadataJson()));
    v.put("status", status(s, last));
    v.set("values", values(last));
    ObjectNode interrupts = v.putObject("interrupts");
    last.filter(i -> i.status() == InvocationStatus.WAITING_FOR_INPUT)
        .ifPresent(i -> interrupts.set(i.id(), JSON.arrayNode().add(interrupt(i))));
    return v;
  }

  /** The thread's state: its values, and what an interrupted run waits for. */
  ObjectNode state(SessionRecord s) {
    Optional<Invocation> last = lastRun(s);
    ObjectNode v = JSON.objectNode();
    v.set("values", values(last));
    boolean waiting =
        last.filter(i -> i.status() == InvocationStatus.WAITING_FOR_INPUT).isPresent();
    v.putArray("next");
    v.putArray("tasks");
    if (waiting) {
      Invocation i = last.get();
      v.withArray("next").add(Assistants.Assistant.graphId(s.agent(), s.function()));
      ObjectNode task = v.withArray("tasks").addObject();
      task.put("id", i.id()).put("name", Assistants.Assistant.graphId(s.agent(), s.function()));
      task.putNull("error");
      task.putArray("interrupts").add(interrupt(i));
    }
    v.putObject("metadata").put("session_state_revision", s.stateRevision());
    v.set("checkpoint", config(s, s.stateRevision()));
    if (s.stateRevision() > 1) {
      v.set("parent_checkpoint", config(s, s.stateRevision() - 1));
    } else {
      v.putNull("parent_checkpoint");
    }
    v.put("created_at", s.updatedAt().toString());
    return v;
  }

  /** The checkpoint id of a session state revision. */
  static String checkpointId(long revision) {
    return "revision-" + revision;
  }

  /** The revision a checkpoint id names; anything else is refused. */
  static long revisionOf(String checkpointId) {
    if (checkpointId.startsWith("revision-")) {
      try {
        long n = Long.parseLong(checkpointId.substring("revision-".length()));
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
    }
    throw new ServiceException.Invalid(
        "checkpoint_id '"
            + checkpointId
            + "' is not one of this server's checkpoints (revision-N, a revision of the session's"
            + " state)");
  }

  /**
   * Writes {@code values} as the session's next state revision; with {@code expected} only while
   * that is still the current revision (else 409, nothing written).
   */
  StateRevision write(SessionRecord s, JsonNode values, Optional<Long> expected) {
    return sessions.putState(
        s.namespace(), s.id(), new SessionRequests.PutState(values, expected, Optional.empty()));
  }

  /** Revisions newest first, below {@code before} when given. */
  List<StateRevision> revisions(SessionRecord s, Optional<Long> before, int limit) {
    return sessions.history(s.namespace(), s.id(), before, limit);
  }

  /** The revision {@code revision} of the session's state. */
  StateRevision revision(SessionRecord s, long revision) {
    List<StateRevision> found = revisions(s, Optional.of(revision + 1), 1);
    if (found.isEmpty() || found.get(0).revision() != revision) {
      throw new ServiceException.NotFound(
          "checkpoint '" + checkpointId(revision) + "' not found in thread '" + s.id() + "'");
    }
    return found.get(0);
  }

  /**
   * A checkpoint: the state document of one revision as the thread's values, its parent the
   * revision before.
   */
  static ObjectNode checkpoint(SessionRecord s, StateRevision r) {
    ObjectNode v = JSON.objectNode();
    v.set("values", Json.tree(r.stateJson()));
    v.putArray("next");
    v.putArray("tasks");
    ObjectNode meta = v.putObject("metadata");
    meta.put("session_state_revision", r.revision());
    meta.put(
        "source",
        r.restoredFrom().isPresent() ? "rollback" : r.runId().isPresent() ? "loop" : "update");
    r.runId().ifPresent(id -> meta.put("invocation_id", id));
    r.restoredFrom().ifPresent(f -> meta.put("restored_from", checkpointId(f)));
    v.set("checkpoint", config(s, r.revision()));
    if (r.revision() > 1) {
      v.set("parent_checkpoint", config(s, r.revision() - 1));
    } else {
      v.putNull("parent_checkpoint");
    }
    v.put("checkpoint_id", checkpointId(r.revision()));
    v.put("created_at", r.createdAt().toString());
    return v;
  }

  static ObjectNode config(SessionRecord s, long revision) {
    return JSON.objectNode()
        .put("thread_id", s.id())
        .put("checkpoint_ns", "")
        .put("checkpoint_id", checkpointId(revision));
  }

  /** The values a run leaves: its output once completed, its interrupt while it waits. */
  static JsonNode values(Optional<Invocation> run) {
    if (run.isEmpty()) {
      return JSON.objectNode();
    }
    Invocation i = run.get();
    return switch (i.status()) {
      case COMPLETED -> i.state().resultJson().map(Json::tree).orElse(JSON.objectNode());
      case WAITING_FOR_INPUT -> {
        ObjectNode v = JSON.objectNode();
        v.putArray("__interrupt__").add(interrupt(i));
        yield v;
      }
      case ERROR, TIMED_OUT, CANCELLED -> {
        ObjectNode v = JSON.objectNode();
        v.set("__error__", error(i));
        yield v;
      }
      default -> JSON.objectNode();
    };
  }

  static ObjectNode interrupt(Invocation i) {
    ObjectNode v = JSON.objectNode();
    v.set("value", i.state().resultJson().map(Json::tree).orElse(JSON.objectNode()));
    v.put("id", i.id());
    return v;
  }

  static ObjectNode error(Invocation i) {
    ObjectNode v = JSON.objectNode();
    v.put("error", i.status().wire());
    v.put(
        "message",
        i.state().error().map(ErrorInfo::message).orElse("the run is " + i.status().wire()));
    return v;
  }

  /** Whether the thread's metadata holds every pair of {@code filter}. */
  static boolean matches(SessionRecord s, ObjectNode filter) {
    return matches(Json.tree(s.metadataJson()), filter);
  }

  /** Whether {@code meta} holds every pair of {@code filter}. */
  static boolean matches(JsonNode meta, ObjectNode filter) {
    for (Map.Entry<String, JsonNode> e : filter.properties()) {
      if (!meta.path(e.getKey()).equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
