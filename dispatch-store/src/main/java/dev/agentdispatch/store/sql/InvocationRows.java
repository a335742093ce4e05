package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;
import static dev.agentdispatch.store.sql.Sql.instant;
import static dev.agentdispatch.store.sql.Sql.optionalInstant;
import static dev.agentdispatch.store.sql.Sql.optionalLong;
import static dev.agentdispatch.store.sql.Sql.string;

import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.Lease;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.invocation.MessageKind;
import dev.agentdispatch.core.invocation.RetryPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Maps invocations to rows of the {@code invocations} table and back. The same SQL serves every
 * dialect.
 */
final class InvocationRows {
  static final String COLUMNS =
      "id, namespace, agent, function, payload, priority, retry_max_attempts, retry_initial_ms,"
          + " retry_multiplier, retry_max_ms, retry_jitter, retry_non_retryable, timeout_ms, attempt_timeout_ms,"
          + " idempotency_key, request_hash, trace_id, parent_id, session_id, concurrency_key, message_type, topic,"
          + " schedule_name, created_at, status, attempt, chain_start, available_at, deadline_at, lease_id,"
          + " lease_worker, lease_expires_at, attempt_deadline_at, cancel_requested, result, error_message,"
          + " error_type, error_trace, error_details, started_at, finished_at, dead_lettered, updated_at, event_id,"
          + " sender_id, key_limit, lane, parent_span_id";

  /**
   * A new invocation starts at event_seq 1: its "created" entry is written with it. One under a
   * per-key limit starts behind its key's gate ({@link KeyGate}), which lets it through in order.
   */
  private static final String INSERT =
      "INSERT INTO invocations ("
          + COLUMNS
          + ", event_seq, key_blocked, fair_seq) VALUES ("
          + "?,".repeat(48)
          + "1, ?, ?)";

  private static final String UPDATE_STATE =
      "UPDATE invocations SET status=?, attempt=?, chain_start=?, available_at=?, deadline_at=?, lease_id=?,"
          + " lease_worker=?, lease_expires_at=?, attempt_deadline_at=?, cancel_requested=?, result=?,"
          + " error_message=?, error_type=?, error_trace=?, error_details=?, started_at=?, finished_at=?,"
          + " dead_lettered=?, updated_at=? WHERE id=?";

  private static final String UPDATE_STATE_AND_SEQ =
      UPDATE_STATE.replace(" WHERE id=?", ", event_seq=? WHERE id=?");

  private InvocationRows() {}

  /** Writes new states, and each invocation's event-log counter, as one batched statement. */
  static void updateStates(Connection c, List<Invocation> invocations, List<Long> eventSeqs)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE_STATE_AND_SEQ)) {
      for (int i = 0; i < invocations.size(); i++) {
        int next = bindState(ps, 1, invocations.get(i).state());
        Sql.bind(ps, next, eventSeqs.get(i));
        Sql.bind(ps, next + 1, invocations.get(i).id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * PostgreSQL only (SQLite has no data-modifying WITH): one new invocation without a concurrency
   * key, its {@link FairSeq} frontier read and its "created" log entry written in the same
   * statement, so a single create is one round trip before the commit instead of three.
   */
  private static final String INSERT_CREATED_PG =
      "WITH inv AS ("
          + replaceOnce(INSERT, "1, ?, ?)", "1, ?, COALESCE((" + FairSeq.FRONTIER + "), 0))")
          + " RETURNING id) INSERT INTO invocation_events (invocation_id, seq, at, type, data)"
          + " SELECT id, 1, ?, ?, ? FROM inv";

  /** {@code sql} with its one {@code target} replaced; fails at class load if it is not there. */
  private static String replaceOnce(String sql, String target, String replacement) {
    int at = sql.indexOf(target);
    if (at < 0 || sql.indexOf(target, at + 1) >= 0) {
      throw new IllegalStateException("expected one '" + target + "' in: " + sql);
    }
    return sql.substring(0, at) + replacement + sql.substring(at + target.length());
  }

  /**
   * Whether {@link #insertCreated} may store {@code inv}: no key, so its fair_seq is the frontier.
   */
  static boolean fusable(Invocation inv) {
    return inv.spec().concurrencyKey().isEmpty();
  }

  /**
   * Inserts one {@link #fusable} invocation with its "created" log entry ({@code statusJson}) as
   * one PostgreSQL statement.
   */
  static void insertCreated(Connection c, Invocation inv, Instant now, String statusJson)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_CREATED_PG)) {
      int next = bindInsert(ps, inv);
      Sql.bind(ps, next, inv.spec().namespace());
      Sql.bind(ps, next + 1, inv.spec().agent());
      Sql.bind(ps, next + 2, now);
      Sql.bind(ps, next + 3, "status");
      Sql.bind(ps, next + 4, statusJson);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("the created entry of " + inv.spec().id() + " was not written");
      }
    }
  }

  /** Inserts new invocations with one statement, batched, each with its {@link FairSeq}. */
  static void insertAll(Tx tx, List<Invocation> invocations) throws SQLException {
    Connection c = tx.connection();
    List<Long> seqs = FairSeq.assign(c, invocations);
    try (PreparedStatement prepared = c.prepareStatement(INSERT)) {
      PreparedStatement ps = Sql.forBatch(tx, prepared);
      for (int i = 0; i < invocations.size(); i++) {
        int next = bindInsert(ps, invocations.get(i));
        Sql.bind(ps, next, seqs.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Binds an insert's columns but the last; returns the index of the next. */
  private static int bindInsert(PreparedStatement ps, Invocation inv) throws SQLException {
    InvocationSpec s = inv.spec();
    RetryPolicy r = s.retry();
    {
      bindAll(
          ps,
          s.id(),
          s.namespace(),
          s.agent(),
          s.function(),
          s.payloadJson(),
          s.priority(),
          r.maxAttempts(),
          r.initialBackoffMs(),
          r.backoffMultiplier(),
          r.maxBackoffMs(),
          r.jitter().wire(),
          String.join("\n", r.nonRetryableErrors()),
          s.timeout().toMillis(),
          s.attemptTimeout().map(Duration::toMillis),
          s.idempotencyKey(),
          s.requestHash(),
          s.traceId(),
          s.parentId(),
          s.sessionId(),
          s.concurrencyKey(),
          s.message().kind().wire(),
          s.message().topic(),
          s.message().scheduleName(),
          s.createdAt());
      int next = bindState(ps, 25, inv.state());
      Sql.bind(ps, next, s.message().eventId());
      Sql.bind(ps, next + 1, s.message().senderId());
      Sql.bind(ps, next + 2, s.keyConcurrency());
      Sql.bind(ps, next + 3, s.lane());
      Sql.bind(ps, next + 4, s.parentSpanId());
      Sql.bind(ps, next + 5, KeyGate.gated(inv) ? 1 : 0);
      return next + 6;
    }
  }

  static void updateState(Connection c, Invocation inv) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE_STATE)) {
      int next = bindState(ps, 1, inv.state());
      Sql.bind(ps, next, inv.id());
      ps.executeUpdate();
    }
  }

  /** Binds the 19 state columns starting at {@code from}; returns the next index. */
  private static int bindState(PreparedStatement ps, int from, InvocationState st)
      throws SQLException {
    Optional<Lease> lease = st.lease();
    Optional<ErrorInfo> error = st.error();
    Object[] values = {
      st.status().wire(),
      st.attempt(),
      st.chainStart(),
      st.availableAt(),
      st.deadlineAt(),
      lease.map(Lease::leaseId),
      lease.map(Lease::workerId),
      lease.map(Lease::expiresAt),
      lease.flatMap(Lease::attemptDeadline),
      st.cancelRequested(),
      st.resultJson(),
      error.map(ErrorInfo::message),
      error.map(ErrorInfo::type),
      error.flatMap(ErrorInfo::trace),
      error.flatMap(ErrorInfo::detailsJson),
      st.startedAt(),
      st.finishedAt(),
      st.deadLettered(),
      st.updatedAt()
    };
    for (int i = 0; i < values.length; i++) {
      Sql.bind(ps, from + i, values[i]);
    }
    return from + values.length;
  }

  static Invocation read(ResultSet rs) throws SQLException {
    return new Invocation(readSpec(rs), readState(rs));
  }

  private static InvocationSpec readSpec(ResultSet rs) throws SQLException {
    String nonRetryable = rs.getString("retry_non_retryable");
    RetryPolicy retry =
        RetryPolicy.stored(
            rs.getInt("retry_max_attempts"),
            rs.getLong("retry_initial_ms"),
            rs.getDouble("retry_multiplier"),
            rs.getLong("retry_max_ms"),
            Jitter.parse(rs.getString("retry_jitter")).orElse(Jitter.FULL),
            nonRetryable.isEmpty() ? List.of() : Arrays.asList(nonRetryable.split("\n")));
    Message message =
        new Message(
            MessageKind.fromWire(rs.getString("message_type")),
            string(rs, "topic"),
            string(rs, "schedule_name"),
            string(rs, "event_id"),
            string(rs, "sender_id"));
    return InvocationSpec.builder(
            rs.getString("id"),
            rs.getString("namespace"),
            rs.getString("agent"),
            rs.getString("function"))
        .payloadJson(rs.getString("payload"))
        .traceId(rs.getString("trace_id"))
        .createdAt(instant(rs, "created_at"))
        .priority(rs.getInt("priority"))
        .retry(retry)
        .timeout(Duration.ofMillis(rs.getLong("timeout_ms")))
        .attemptTimeout(optionalLong(rs, "attempt_timeout_ms").map(Duration::ofMillis))
        .idempotencyKey(string(rs, "idempotency_key"))
        .requestHash(string(rs, "request_hash"))
        .parentId(string(rs, "parent_id"))
        .sessionId(string(rs, "session_id"))
        .concurrencyKey(string(rs, "concurrency_key"))
        .keyConcurrency(optionalLong(rs, "key_limit").map(Long::intValue))
        .lane(string(rs, "lane"))
        .parentSpanId(string(rs, "parent_span_id"))
        .message(message)
        .build();
  }

  private static InvocationState readState(ResultSet rs) throws SQLException {
    Optional<Lease> lease =
        string(rs, "lease_id").isPresent()
            ? Optional.of(
                new Lease(
                    rs.getString("lease_id"),
                    rs.getString("lease_worker"),
                    instant(rs, "lease_expires_at"),
                    optionalInstant(rs, "attempt_deadline_at")))
            : Optional.empty();
    Optional<ErrorInfo> error =
        string(rs, "error_type").isPresent()
            ? Optional.of(
                new ErrorInfo(
                    rs.getString("error_message"),
                    rs.getString("error_type"),
                    string(rs, "error_trace"),
                    string(rs, "error_details")))
            : Optional.empty();
    return new InvocationState(
        InvocationStatus.parse(rs.getString("status")).orElseThrow(),
        rs.getInt("attempt"),
        rs.getInt("chain_start"),
        instant(rs, "available_at"),
        instant(rs, "deadline_at"),
        lease,
        rs.getInt("cancel_requested") != 0,
        string(rs, "result"),
        error,
        optionalInstant(rs, "started_at"),
        optionalInstant(rs, "finished_at"),
        rs.getInt("dead_lettered") != 0,
        instant(rs, "updated_at"));
  }
}
