package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStateMachine;
import dev.agentdispatch.core.session.InputDecision;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.core.session.SessionInputPolicy;
import dev.agentdispatch.store.LostRaceException;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.session.CreateSessionResult;
import dev.agentdispatch.store.session.InputResult;
import dev.agentdispatch.store.session.NewInput;
import dev.agentdispatch.store.session.NewSession;
import dev.agentdispatch.store.session.SessionEvent;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.SessionStore;
import dev.agentdispatch.store.session.StateRevision;
import dev.agentdispatch.store.session.StateWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessions over SQL, shared by every dialect. Each input is decided by {@link SessionInputPolicy}
 * and applied in the same write transaction that stores it; run state changes go through the core
 * state machine and {@link InvocationLog#apply}, whose session hooks ({@link
 * SessionInvocationHooks}) start the next run. Sessions call the invocation layer, never the other
 * way round.
 *
 * <p>Lock order, so two PostgreSQL transactions never wait on each other in a circle: the active
 * run's invocation row first, then the session row (the order completions take: lease, then
 * session).
 */
public final class SqlSessionStore implements SessionStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int LOCK_TRIES = 5;

  private final Transactor db;
  private final Dialect dialect;
  private final InvocationStateMachine machine;
  private final InvocationLog log;

  /**
   * @param log persists run transitions; its hooks must be the sessions' ({@link
   *     SessionInvocationHooks})
   */
  SqlSessionStore(
      Transactor db, Dialect dialect, InvocationStateMachine machine, InvocationLog log) {
    this.db = db;
    this.dialect = dialect;
    this.machine = machine;
    this.log = log;
  }

  @Override
  public CreateSessionResult create(NewSession s, Instant now) {
    return db.write(tx -> {
      Connection c = tx.connection();
      Optional<SessionRecord> existing = SessionRows.findSession(c, s.namespace(), s.id());
      if (existing.isPresent()) {
        return new CreateSessionResult.AlreadyExists(existing.get());
      }
      SessionRows.insert(c, s, now);
      SessionRows.insertState(
          c, s.namespace(), s.id(), 0, s.stateJson(), Optional.empty(), Optional.empty(), now);
      SessionLog.append(
          tx,
          s.namespace(),
          s.id(),
          "session_created",
          Optional.empty(),
          JSON.createObjectNode().put("agent", s.agent()).put("function", s.function()).toString(),
          now);
      return new CreateSessionResult.Created(
          SessionRows.findSession(c, s.namespace(), s.id()).orElseThrow());
    });
  }

  @Override
  public Optional<SessionRecord> find(String namespace, String id) {
    return db.read(c -> SessionRows.findSession(c, namespace, id));
  }

  @Override
  public Page<SessionRecord> list(
      String namespace, Optional<String> agent, int limit, Optional<String> cursor) {
    StringBuilder where = new StringBuilder("WHERE s.namespace = ?");
    List<Object> args = new ArrayList<>(List.of(namespace));
    agent.ifPresent(a -> {
      where.append(" AND s.agent = ?");
      args.add(a);
    });
    if (cursor.isPresent()) {
      String[] parts = cursor.get().split(":", 2);
      long at = parseCursor(parts[0]);
      where.append(" AND (s.created_at < ? OR (s.created_at = ? AND s.id < ?))");
      args.addAll(List.of(at, at, parts.length > 1 ? parts[1] : ""));
    }
    where.append(" ORDER BY s.created_at DESC, s.id DESC LIMIT ?");
    args.add(limit + 1);
    List<SessionRecord> rows =
        db.read(c -> {
          try (PreparedStatement ps = c.prepareStatement(SessionRows.SELECT_SESSION + where)) {
            bindAll(ps, args.toArray());
            List<SessionRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(SessionRows.readSession(rs));
              }
            }
            return out;
          }
        });
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<SessionRecord> page = rows.subList(0, limit);
    SessionRecord last = page.get(page.size() - 1);
    return new Page<>(page, Optional.of(last.createdAt().toEpochMilli() + ":" + last.id()));
  }

  private static long parseCursor(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cursor '" + s + "' is not one this server gave out");
    }
  }

  @Override
  public boolean delete(String namespace, String id, Instant now) {
    return db.write(tx -> {
      Connection c = tx.connection();
      Optional<SessionRows.Locked> s = lockWithRun(c, namespace, id, now);
      if (s.isEmpty()) {
        return false;
      }
      // Inputs go first, so cancelling the active run cannot start another one.
      execute(
          c, "DELETE FROM session_inputs WHERE namespace = ? AND session_id = ?", namespace, id);
      Optional<Invocation> run = activeRun(c, s.get());
      if (run.isPresent()) {
        log.apply(tx, machine.cancel(run.get(), now), now);
      }
      for (String table : List.of("session_events", "session_states", "session_runs")) {
        execute(
            c, "DELETE FROM " + table + " WHERE namespace = ? AND session_id = ?", namespace, id);
      }
      execute(c, "DELETE FROM sessions WHERE namespace = ? AND id = ?", namespace, id);
      tx.publish(
          new StoreEvent.LogAppended(namespace, StoreEvent.LogKind.SESSION, id)); // streams end
      return true;
    });
  }

  @Override
  public InputResult submit(NewInput in, Instant now) {
    return db.write(tx -> {
      Connection c = tx.connection();
      if (in.idempotencyKey().isPresent()) {
        List<SessionInput> earlier =
            SessionRows.inputs(
                c,
                "WHERE namespace = ? AND session_id = ? AND idempotency_key = ?",
                in.namespace(),
                in.sessionId(),
                in.idempotencyKey().get());
        if (!earlier.isEmpty()) {
          boolean same = SessionRows.requestHash(c, earlier.get(0).id()).equals(in.requestHash());
          return same
              ? new InputResult.Accepted(earlier.get(0), true)
              : new InputResult.IdempotencyConflict(earlier.get(0));
        }
      }
      Optional<SessionRows.Locked> session = lockWithRun(c, in.namespace(), in.sessionId(), now);
      if (session.isEmpty()) {
        return new InputResult.NoSession();
      }
      Optional<Invocation> active = activeRun(c, session.get());
      InputDecision decision =
          SessionInputPolicy.decide(in.strategy(), active.map(Invocation::status));
      SessionInput input = store(tx, in, session.get(), decision, active, now);
      apply(tx, session.get(), decision, input, active, now);
      return new InputResult.Accepted(
          SessionRows.inputs(c, "WHERE id = ?", input.id()).get(0), false);
    });
  }

  private SessionInput store(
      Tx tx,
      NewInput in,
      SessionRows.Locked session,
      InputDecision decision,
      Optional<Invocation> active,
      Instant now)
      throws SQLException {
    Connection c = tx.connection();
    long seq = SessionRows.nextInputSeq(c, in.namespace(), in.sessionId());
    InputStatus status =
        switch (decision) {
          case InputDecision.Reject r -> InputStatus.REJECTED;
          case InputDecision.Steer st -> InputStatus.STEERED;
          case InputDecision.Resume r -> InputStatus.RESUMED;
          case InputDecision.StartRun r ->
              InputStatus.QUEUED; // becomes started with its run, below
          case InputDecision.Enqueue e -> InputStatus.QUEUED;
          case InputDecision.CancelActiveAndRunNext x -> InputStatus.QUEUED;
        };
    Optional<String> runId =
        status == InputStatus.STEERED || status == InputStatus.RESUMED
            ? active.map(Invocation::id)
            : Optional.empty();
    // Interrupting inputs run before everything queued earlier: they replace the run in progress.
    int priority = decision instanceof InputDecision.CancelActiveAndRunNext ? 1 : 0;
    SessionInput input =
        new SessionInput(
            Ids.uuid7(),
            in.sessionId(),
            seq,
            in.inputJson(),
            in.strategy(),
            decision.outcome(),
            status,
            runId,
            in.idempotencyKey(),
            now);
    SessionRows.insertInput(c, in, input, priority, now);
    ObjectNode data =
        JSON.createObjectNode()
            .put("input_id", input.id())
            .put("seq", seq)
            .put("strategy", in.strategy().wire())
            .put("outcome", decision.outcome().wire());
    active.ifPresent(a -> data.put("active_run_id", a.id()));
    data.set("input", JSON.readTree(in.inputJson()));
    SessionLog.append(tx, in.namespace(), in.sessionId(), "input", runId, data.toString(), now);
    return input;
  }

  private void apply(
      Tx tx,
      SessionRows.Locked session,
      InputDecision decision,
      SessionInput input,
      Optional<Invocation> active,
      Instant now)
      throws SQLException {
    switch (decision) {
      case InputDecision.StartRun r -> SessionRuns.start(tx, session, input, now);
      case InputDecision.Resume r -> log.apply(tx, machine.resume(active.orElseThrow(), now), now);
      case InputDecision.CancelActiveAndRunNext x -> {
        if (x.rollback()) {
          rollBack(tx, session, active.orElseThrow(), now);
        }
        // A pending or waiting run ends at once and the hook starts this input's run in this
        // transaction;
        // a running one is asked to stop, and its end starts it.
        log.apply(tx, machine.cancel(active.orElseThrow(), now), now);
      }
      case InputDecision.Reject r -> {}
      case InputDecision.Enqueue e -> {}
      case InputDecision.Steer st -> {}
    }
  }

  /** Restores the revision the run started from and fences off the run's further state writes. */
  private void rollBack(Tx tx, SessionRows.Locked session, Invocation run, Instant now)
      throws SQLException {
    Connection c = tx.connection();
    long base =
        SessionRuns.run(c, run.id())
            .map(SessionRuns.RunRecord::baseRevision)
            .orElse(session.stateRevision());
    SessionRuns.markRolledBack(c, run.id());
    if (base == session.stateRevision()) {
      return; // the run changed nothing yet
    }
    StateRevision before =
        SessionRows.state(c, session.namespace(), session.id(), base).orElseThrow();
    StateRevision restored =
        SessionRows.insertState(
            c,
            session.namespace(),
            session.id(),
            session.stateRevision() + 1,
            before.stateJson(),
            Optional.empty(),
            Optional.of(base),
            now);
    SessionLog.append(
        tx,
        session.namespace(),
        session.id(),
        "state",
        Optional.of(run.id()),
        JSON.createObjectNode()
            .put("revision", restored.revision())
            .put("restored_from", base)
            .put("rolled_back_run_id", run.id())
            .toString(),
        now);
  }

  /**
   * Locks the session's active run (if any) and then the session row, re-checking that the run is
   * still the active one; empty when there is no such session.
   */
  private Optional<SessionRows.Locked> lockWithRun(
      Connection c, String namespace, String id, Instant now) throws SQLException {
    for (int i = 0; i < LOCK_TRIES; i++) {
      Optional<SessionRecord> seen = SessionRows.findSession(c, namespace, id);
      if (seen.isEmpty()) {
        return Optional.empty();
      }
      if (seen.get().activeRunId().isPresent()) {
        InvocationReads.one(
            c, "WHERE id=? " + dialect.lockForUpdate(), seen.get().activeRunId().get());
      }
      Optional<SessionRows.Locked> locked = SessionRows.lock(c, namespace, id, now);
      if (locked.isEmpty() || locked.get().activeRunId().equals(seen.get().activeRunId())) {
        return locked;
      }
    }
    throw new LostRaceException("session '" + id + "' kept changing its active run; try again");
  }

  private static Optional<Invocation> activeRun(Connection c, SessionRows.Locked s)
      throws SQLException {
    if (s.activeRunId().isEmpty()) {
      return Optional.empty();
    }
    return InvocationReads.one(c, "WHERE id=?", s.activeRunId().get());
  }

  @Override
  public List<SessionInput> inputs(
      String namespace, String sessionId, Optional<String> runId, long afterSeq, int limit) {
    return db.read(c ->
        runId.isPresent()
            ? SessionRows.inputs(
                c,
                "WHERE namespace = ? AND session_id = ? AND run_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                namespace,
                sessionId,
                runId.get(),
                afterSeq,
                limit)
            : SessionRows.inputs(
                c,
                "WHERE namespace = ? AND session_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                namespace,
                sessionId,
                afterSeq,
                limit));
  }

  @Override
  public Map<String, List<SessionInput>> steeredInputs(String namespace, List<String> leaseIds) {
    if (leaseIds.isEmpty()) {
      return Map.of();
    }
    String columns =
        Arrays.stream(SessionRows.INPUT_COLUMNS.split(","))
            .map(col -> "si." + col.trim())
            .collect(Collectors.joining(", "));
    String sql =
        "SELECT i.lease_id AS held_lease, "
            + columns
            + " FROM session_inputs si JOIN invocations i"
            + " ON i.id = si.run_id WHERE si.status = 'steered' AND i.namespace = ? AND i.lease_id IN ("
            + "?,".repeat(leaseIds.size() - 1)
            + "?) ORDER BY si.seq";
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        List<Object> args = new ArrayList<>(List.of(namespace));
        args.addAll(leaseIds);
        bindAll(ps, args.toArray());
        Map<String, List<SessionInput>> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getString("held_lease"), k -> new ArrayList<>())
                .add(SessionRows.readInput(rs));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Optional<StateRevision> state(String namespace, String sessionId) {
    return db.read(c -> {
      List<StateRevision> rows =
          SessionRows.states(
              c,
              "WHERE namespace = ? AND session_id = ? AND revision ="
                  + " (SELECT state_revision FROM sessions WHERE namespace = ? AND id = ?)",
              namespace,
              sessionId,
              namespace,
              sessionId);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    });
  }

  @Override
  public StateWrite putState(
      String namespace,
      String sessionId,
      String stateJson,
      Optional<Long> expectedRevision,
      Optional<String> leaseId,
      Instant now) {
    try {
      return writeState(namespace, sessionId, stateJson, expectedRevision, leaseId, now);
    } catch (RefusedWrite r) {
      return r.answer;
    }
  }

  /**
   * A refused state write: thrown inside the write so that it rolls back (the session row was
   * touched to lock it), caught outside to give the answer.
   */
  private static final class RefusedWrite extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StateWrite answer;

    RefusedWrite(StateWrite answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }

  private StateWrite writeState(
      String namespace,
      String sessionId,
      String stateJson,
      Optional<Long> expectedRevision,
      Optional<String> leaseId,
      Instant now) {
    return db.write(tx -> {
      Connection c = tx.connection();
      Optional<Invocation> writer =
          leaseId.isPresent()
              ? InvocationReads.heldLease(c, dialect, namespace, leaseId.get(), Optional.empty())
              : Optional.empty();
      Optional<SessionRows.Locked> session = SessionRows.lock(c, namespace, sessionId, now);
      if (session.isEmpty()) {
        return new StateWrite.NoSession();
      }
      if (leaseId.isPresent()
          && (writer.isEmpty()
              || !writer.get().spec().sessionId().equals(Optional.of(sessionId))
              || SessionRuns.run(c, writer.get().id())
                  .map(SessionRuns.RunRecord::rolledBack)
                  .orElse(true))) {
        throw new RefusedWrite(new StateWrite.StaleLease());
      }
      long current = session.get().stateRevision();
      if (expectedRevision.isPresent() && expectedRevision.get() != current) {
        throw new RefusedWrite(new StateWrite.RevisionConflict(current));
      }
      Optional<String> runId = writer.map(Invocation::id);
      StateRevision written =
          SessionRows.insertState(
              c, namespace, sessionId, current + 1, stateJson, runId, Optional.empty(), now);
      SessionLog.append(
          tx,
          namespace,
          sessionId,
          "state",
          runId,
          JSON.createObjectNode().put("revision", written.revision()).toString(),
          now);
      return new StateWrite.Written(written);
    });
  }

  @Override
  public List<StateRevision> history(
      String namespace, String sessionId, Optional<Long> beforeRevision, int limit) {
    return db.read(c ->
        SessionRows.states(
            c,
            "WHERE namespace = ? AND session_id = ? AND revision < ?"
                + " ORDER BY revision DESC LIMIT ?",
            namespace,
            sessionId,
            beforeRevision.orElse(Long.MAX_VALUE),
            limit));
  }

  @Override
  public List<SessionEvent> events(String namespace, String sessionId, long afterSeq, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT seq, at, type, run_id, data FROM session_events"
                  + " WHERE namespace = ? AND session_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
        bindAll(ps, namespace, sessionId, afterSeq, limit);
        List<SessionEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new SessionEvent(
                    rs.getLong("seq"),
                    Sql.instant(rs, "at"),
                    rs.getString("type"),
                    Sql.string(rs, "run_id"),
                    rs.getString("data")));
          }
        }
        return out;
      }
    });
  }

  private static void execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindAll(ps, args);
      ps.executeUpdate();
    }
  }
}
