package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.core.session.SessionInputPolicy;
import dev.agentdispatch.store.ConflictException;
import dev.agentdispatch.store.invocation.NewEvent;
import dev.agentdispatch.store.session.RunTemplate;
import dev.agentdispatch.store.session.SessionInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session's runs: starting one, and what the session does when one changes, applied inside the
 * transaction of the change (every run transition reaches {@link #afterTransition} through {@link
 * SessionInvocationHooks}): the run's status is copied into the session log, and when the active
 * run ends its untaken steered inputs go back to the queue, the slot is freed and the next queued
 * input starts the next run.
 */
final class SessionRuns {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SessionRuns() {}

  /** Applies a session run's transition to its session (a no-op when the session is gone). */
  static void afterTransition(Tx tx, Transition t, String statusJson, Instant now)
      throws SQLException {
    Invocation run = t.after();
    String ns = run.spec().namespace();
    String sid = run.spec().sessionId().get();
    Connection c = tx.connection();
    Optional<SessionRows.Locked> session = SessionRows.lock(c, ns, sid, now);
    if (session.isEmpty()) {
      return; // the session was deleted, or session_id is only a tag of an older invocation
    }
    boolean active = session.get().activeRunId().filter(run.id()::equals).isPresent();
    InvocationStatus from = t.before().status();
    InvocationStatus to = run.status();
    if (!active) {
      if (!SessionInputPolicy.isActive(from) && SessionInputPolicy.isActive(to)) {
        takeSlotForRetry(tx, session.get(), run, now);
        SessionLog.mirror(tx, run, List.of(new NewEvent("status", statusJson)), now);
      }
      return; // an old run's late changes (e.g. a rolled-back run acknowledging) stay in its own
      // log
    }
    SessionLog.mirror(tx, run, List.of(new NewEvent("status", statusJson)), now);
    if (to == InvocationStatus.WAITING_FOR_INPUT && from != to) {
      ObjectNode data = JSON.createObjectNode().put("run_id", run.id());
      data.set("prompt", JSON.readTree(run.state().resultJson().orElse("null")));
      SessionLog.append(tx, ns, sid, "run_waiting", Optional.of(run.id()), data.toString(), now);
    }
    if (to.terminal()) {
      runEnded(tx, session.get(), run, now);
    }
  }

  /**
   * Marks steered inputs taken by {@code run} (a session run, as its lease held it) consumed,
   * unless the run was rolled back: its work no longer counts.
   */
  static void markConsumed(Tx tx, Invocation run, List<String> inputIds, Instant now)
      throws SQLException {
    Connection c = tx.connection();
    if (run(c, run.id()).map(RunRecord::rolledBack).orElse(false)) {
      return;
    }
    String ns = run.spec().namespace();
    String sid = run.spec().sessionId().orElseThrow();
    for (String inputId : inputIds) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE session_inputs SET status = 'consumed', updated_at = ?"
                  + " WHERE id = ? AND run_id = ? AND status = 'steered'")) {
        bindAll(ps, now, inputId, run.id());
        if (ps.executeUpdate() == 1) {
          SessionLog.append(
              tx,
              ns,
              sid,
              "input_consumed",
              Optional.of(run.id()),
              JSON.createObjectNode().put("input_id", inputId).toString(),
              now);
        }
      }
    }
  }

  /** A manual retry brings an old run back: only into a free slot, never as a second active run. */
  private static void takeSlotForRetry(
      Tx tx, SessionRows.Locked session, Invocation run, Instant now) throws SQLException {
    if (session.activeRunId().isPresent()) {
      throw new ConflictException(
          ConflictException.Kind.SESSION_BUSY,
          "session '"
              + session.id()
              + "' already has an active run ("
              + session.activeRunId().get()
              + "); run "
              + run.id()
              + " cannot become active too");
    }
    SessionRows.setActiveRun(
        tx.connection(), session.namespace(), session.id(), Optional.of(run.id()));
    insertRun(tx.connection(), session, run.id(), now);
    SessionLog.append(
        tx,
        session.namespace(),
        session.id(),
        "run_started",
        Optional.of(run.id()),
        JSON.createObjectNode().put("run_id", run.id()).put("retried", true).toString(),
        now);
  }

  private static void runEnded(Tx tx, SessionRows.Locked session, Invocation run, Instant now)
      throws SQLException {
    Connection c = tx.connection();
    String ns = session.namespace();
    String sid = session.id();
    for (SessionInput untaken :
        SessionRows.inputs(c, "WHERE run_id = ? AND status = 'steered' ORDER BY seq", run.id())) {
      SessionRows.updateInput(c, untaken.id(), InputStatus.QUEUED, Optional.empty(), now);
      SessionLog.append(
          tx,
          ns,
          sid,
          "input_requeued",
          Optional.of(run.id()),
          JSON.createObjectNode()
              .put("input_id", untaken.id())
              .put("seq", untaken.seq())
              .put("reason", "steered_run_ended")
              .toString(),
          now);
    }
    SessionRows.setActiveRun(c, ns, sid, Optional.empty());
    SessionLog.append(
        tx,
        ns,
        sid,
        "run_ended",
        Optional.of(run.id()),
        JSON.createObjectNode()
            .put("run_id", run.id())
            .put("status", run.status().wire())
            .toString(),
        now);
    List<SessionInput> next =
        SessionRows.inputs(
            c,
            "WHERE namespace = ? AND session_id = ? AND status = 'queued' ORDER BY priority DESC, seq LIMIT 1",
            ns,
            sid);
    if (!next.isEmpty()) {
      start(tx, session, next.get(0), now);
    }
  }

  /**
   * Starts a run with {@code input} as its payload and gives it the session's slot. The caller has
   * made sure the slot is free.
   */
  static Invocation start(Tx tx, SessionRows.Locked session, SessionInput input, Instant now)
      throws SQLException {
    RunTemplate t = session.template();
    SessionRows.InputTrace trace = SessionRows.inputTrace(tx.connection(), input.id());
    InvocationSpec spec =
        InvocationSpec.builder(
                Ids.uuid7(), session.namespace(), session.agent(), session.function())
            .payloadJson(input.inputJson())
            // The run joins the trace of the request that sent its input, if it named one.
            .traceId(trace.traceId().orElseGet(Ids::uuid7))
            .parentSpanId(trace.parentSpanId())
            .createdAt(now)
            .priority(t.priority())
            .retry(t.retry())
            .timeout(t.timeout())
            .attemptTimeout(t.attemptTimeout())
            .sessionId(Optional.of(session.id()))
            .lane(t.lane())
            .build();
    Invocation run =
        new Invocation(spec, InvocationState.initial(now, now, now.plus(spec.timeout())));
    InvocationLog.created(tx, run, now);
    Connection c = tx.connection();
    SessionRows.updateInput(c, input.id(), InputStatus.STARTED, Optional.of(run.id()), now);
    SessionRows.setActiveRun(c, session.namespace(), session.id(), Optional.of(run.id()));
    long base = insertRun(c, session, run.id(), now);
    SessionLog.append(
        tx,
        session.namespace(),
        session.id(),
        "run_started",
        Optional.of(run.id()),
        JSON.createObjectNode()
            .put("run_id", run.id())
            .put("input_id", input.id())
            .put("base_revision", base)
            .toString(),
        now);
    return run;
  }

  /**
   * Records the run with the state revision it starts from (what a rollback restores); returns it.
   */
  private static long insertRun(Connection c, SessionRows.Locked session, String runId, Instant now)
      throws SQLException {
    long base = currentRevision(c, session.namespace(), session.id());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO session_runs (namespace, session_id, run_id,"
                + " base_revision, rolled_back, created_at) VALUES (?,?,?,?,0,?) ON CONFLICT (run_id) DO UPDATE"
                + " SET base_revision = excluded.base_revision, rolled_back = 0")) {
      bindAll(ps, session.namespace(), session.id(), runId, base, now);
      ps.executeUpdate();
    }
    return base;
  }

  private static long currentRevision(Connection c, String namespace, String sessionId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT state_revision FROM sessions WHERE namespace = ? AND id = ?")) {
      bindAll(ps, namespace, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The revision the run started from, and whether it was rolled back; empty for unknown runs. */
  static Optional<RunRecord> run(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT base_revision, rolled_back FROM session_runs WHERE run_id = ?")) {
      bindAll(ps, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new RunRecord(rs.getLong(1), rs.getInt(2) != 0))
            : Optional.empty();
      }
    }
  }

  record RunRecord(long baseRevision, boolean rolledBack) {}

  static void markRolledBack(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE session_runs SET rolled_back = 1 WHERE run_id = ?")) {
      bindAll(ps, runId);
      ps.executeUpdate();
    }
  }
}
