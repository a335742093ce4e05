package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;
import static dev.agentdispatch.store.sql.Sql.instant;
import static dev.agentdispatch.store.sql.Sql.optionalLong;
import static dev.agentdispatch.store.sql.Sql.string;

import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.session.InputOutcome;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.store.session.NewInput;
import dev.agentdispatch.store.session.NewSession;
import dev.agentdispatch.store.session.RunTemplate;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.StateRevision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Maps sessions, inputs and state revisions to rows and back. The same SQL serves every dialect.
 */
final class SessionRows {
  /** The session row with its active run's status and its queue length. */
  static final String SELECT_SESSION =
      "SELECT s.*, i.status AS run_status, (SELECT count(*) FROM session_inputs q WHERE q.namespace = s.namespace"
          + " AND q.session_id = s.id AND q.status = 'queued') AS queued FROM sessions s"
          + " LEFT JOIN invocations i ON i.id = s.active_run_id ";

  static final String INPUT_COLUMNS =
      "id, session_id, seq, input, strategy, outcome, status, run_id, idempotency_key,"
          + " request_hash, created_at";

  private SessionRows() {}

  /**
   * The raw session row, locked for this transaction (an UPDATE takes the row lock on PostgreSQL).
   */
  record Locked(
      String namespace,
      String id,
      String agent,
      String function,
      Optional<String> activeRunId,
      long stateRevision,
      RunTemplate template) {}

  static void insert(Connection c, NewSession s, Instant now) throws SQLException {
    RunTemplate t = s.template();
    RetryPolicy r = t.retry();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sessions (namespace, id, agent, function, metadata,"
                + " active_run_id, state_revision, run_priority, run_retry_max_attempts, run_retry_initial_ms,"
                + " run_retry_multiplier, run_retry_max_ms, run_retry_jitter, run_retry_non_retryable, run_timeout_ms,"
                + " run_attempt_timeout_ms, run_lane, created_at, updated_at)"
                + " VALUES (?,?,?,?,?,NULL,0,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      bindAll(
          ps,
          s.namespace(),
          s.id(),
          s.agent(),
          s.function(),
          s.metadataJson(),
          t.priority(),
          r.maxAttempts(),
          r.initialBackoffMs(),
          r.backoffMultiplier(),
          r.maxBackoffMs(),
          r.jitter().wire(),
          String.join("\n", r.nonRetryableErrors()),
          t.timeout().toMillis(),
          t.attemptTimeout().map(Duration::toMillis),
          t.lane(),
          now,
          now);
      ps.executeUpdate();
    }
  }

  static Optional<Locked> lock(Connection c, String namespace, String id, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE sessions SET updated_at = ? WHERE namespace = ? AND id = ? RETURNING *")) {
      bindAll(ps, now, namespace, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Locked(
                rs.getString("namespace"),
                rs.getString("id"),
                rs.getString("agent"),
                rs.getString("function"),
                string(rs, "active_run_id"),
                rs.getLong("state_revision"),
                template(rs)));
      }
    }
  }

  private static RunTemplate template(ResultSet rs) throws SQLException {
    String nonRetryable = rs.getString("run_retry_non_retryable");
    RetryPolicy retry =
        RetryPolicy.stored(
            rs.getInt("run_retry_max_attempts"),
            rs.getLong("run_retry_initial_ms"),
            rs.getDouble("run_retry_multiplier"),
            rs.getLong("run_retry_max_ms"),
            Jitter.parse(rs.getString("run_retry_jitter")).orElse(Jitter.FULL),
            nonRetryable.isEmpty() ? List.of() : Arrays.asList(nonRetryable.split("\n")));
    return new RunTemplate(
        rs.getInt("run_priority"),
        retry,
        Duration.ofMillis(rs.getLong("run_timeout_ms")),
        optionalLong(rs, "run_attempt_timeout_ms").map(Duration::ofMillis),
        string(rs, "run_lane"));
  }

  static void setActiveRun(Connection c, String namespace, String id, Optional<String> runId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE sessions SET active_run_id = ? WHERE namespace = ? AND id = ?")) {
      bindAll(ps, runId, namespace, id);
      ps.executeUpdate();
    }
  }

  static SessionRecord readSession(ResultSet rs) throws SQLException {
    return new SessionRecord(
        rs.getString("namespace"),
        rs.getString("id"),
        rs.getString("agent"),
        rs.getString("function"),
        rs.getString("metadata"),
        string(rs, "active_run_id"),
        string(rs, "run_status").flatMap(InvocationStatus::parse),
        rs.getLong("state_revision"),
        rs.getLong("queued"),
        rs.getLong("event_seq"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  static boolean exists(Connection c, String namespace, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM sessions WHERE namespace = ? AND id = ?")) {
      bindAll(ps, namespace, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static Optional<SessionRecord> findSession(Connection c, String namespace, String id)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SELECT_SESSION + "WHERE s.namespace = ? AND s.id = ?")) {
      bindAll(ps, namespace, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readSession(rs)) : Optional.empty();
      }
    }
  }

  // ---- inputs

  /** Stores {@code in}, sent as {@code sent} (its namespace, request hash and trace). */
  static void insertInput(Connection c, NewInput sent, SessionInput in, int priority, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO session_inputs (namespace, "
                + INPUT_COLUMNS
                + ", priority, updated_at, trace_id, parent_span_id)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      bindAll(
          ps,
          sent.namespace(),
          in.id(),
          in.sessionId(),
          in.seq(),
          in.inputJson(),
          in.strategy().wire(),
          in.outcome().wire(),
          in.status().wire(),
          in.runId(),
          in.idempotencyKey(),
          sent.requestHash(),
          in.createdAt(),
          priority,
          now,
          sent.traceId(),
          sent.parentSpanId());
      ps.executeUpdate();
    }
  }

  /** The trace an input was sent in, and the span its run hangs under: empty when it named none. */
  record InputTrace(Optional<String> traceId, Optional<String> parentSpanId) {}

  static InputTrace inputTrace(Connection c, String inputId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT trace_id, parent_span_id FROM session_inputs WHERE id = ?")) {
      bindAll(ps, inputId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new InputTrace(string(rs, "trace_id"), string(rs, "parent_span_id"))
            : new InputTrace(Optional.empty(), Optional.empty());
      }
    }
  }

  static void updateInput(
      Connection c, String inputId, InputStatus status, Optional<String> runId, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE session_inputs SET status = ?, run_id = ?, updated_at = ? WHERE id = ?")) {
      bindAll(ps, status.wire(), runId, now, inputId);
      ps.executeUpdate();
    }
  }

  static List<SessionInput> inputs(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + INPUT_COLUMNS + " FROM session_inputs " + where)) {
      bindAll(ps, args);
      List<SessionInput> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(readInput(rs));
        }
      }
      return out;
    }
  }

  static SessionInput readInput(ResultSet rs) throws SQLException {
    return new SessionInput(
        rs.getString("id"),
        rs.getString("session_id"),
        rs.getLong("seq"),
        rs.getString("input"),
        InputStrategy.parse(rs.getString("strategy")).orElseThrow(),
        InputOutcome.parse(rs.getString("outcome")).orElseThrow(),
        InputStatus.parse(rs.getString("status")).orElseThrow(),
        string(rs, "run_id"),
        string(rs, "idempotency_key"),
        instant(rs, "created_at"));
  }

  /** Request hash of a stored input, to tell an idempotent repeat from a different input. */
  static Optional<String> requestHash(Connection c, String inputId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT request_hash FROM session_inputs WHERE id = ?")) {
      bindAll(ps, inputId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? string(rs, "request_hash") : Optional.empty();
      }
    }
  }

  static long nextInputSeq(Connection c, String namespace, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE sessions SET input_seq = input_seq + 1 WHERE namespace = ? AND id = ? RETURNING input_seq")) {
      bindAll(ps, namespace, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  // ---- state

  /** Writes revision {@code revision} and makes it the session's current one. */
  static StateRevision insertState(
      Connection c,
      String namespace,
      String sessionId,
      long revision,
      String stateJson,
      Optional<String> runId,
      Optional<Long> restoredFrom,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO session_states (namespace, session_id, revision, state,"
                + " run_id, restored_from, created_at) VALUES (?,?,?,?,?,?,?)")) {
      bindAll(ps, namespace, sessionId, revision, stateJson, runId, restoredFrom, now);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE sessions SET state_revision = ? WHERE namespace = ? AND id = ?")) {
      bindAll(ps, revision, namespace, sessionId);
      ps.executeUpdate();
    }
    return new StateRevision(revision, stateJson, runId, restoredFrom, now);
  }

  static List<StateRevision> states(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT revision, state, run_id, restored_from, created_at FROM session_states "
                + where)) {
      bindAll(ps, args);
      List<StateRevision> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StateRevision(
                  rs.getLong("revision"),
                  rs.getString("state"),
                  string(rs, "run_id"),
                  optionalLong(rs, "restored_from"),
                  instant(rs, "created_at")));
        }
      }
      return out;
    }
  }

  static Optional<StateRevision> state(
      Connection c, String namespace, String sessionId, long revision) throws SQLException {
    List<StateRevision> rows =
        states(
            c,
            "WHERE namespace = ? AND session_id = ? AND revision = ?",
            namespace,
            sessionId,
            revision);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }
}
