package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.AttemptOutcome;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Lease;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.NewEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Persists a {@link Transition}: the new state, the attempt history and the event log, queues the
 * store events that wake waiters, and then calls its {@link InvocationHooks}, all in the caller's
 * transaction. Every state change of an invocation goes through {@link #applyAll}. Storing new
 * invocations and worker events are plain row writes: whoever asks for them decides which hooks
 * apply.
 */
final class InvocationLog {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final InvocationHooks hooks;

  InvocationLog(InvocationHooks hooks) {
    this.hooks = hooks;
  }

  static void created(Tx tx, Invocation inv, Instant now) throws SQLException {
    createdAll(tx, List.of(inv), now);
  }

  /**
   * Stores new invocations (an event's whole fan-out at once) with their "created" log entries, as
   * two batched statements rather than three statements per invocation.
   */
  static void createdAll(Tx tx, List<Invocation> invocations, Instant now) throws SQLException {
    if (invocations.size() == 1
        && tx.dialect() == Dialect.POSTGRES
        && InvocationRows.fusable(invocations.get(0))) {
      // The common case, one invoke call: every round trip counts on PostgreSQL.
      Invocation inv = invocations.get(0);
      InvocationRows.insertCreated(
          tx.connection(), inv, now, statusData(inv, "created").toString());
    } else if (!invocations.isEmpty()) {
      InvocationRows.insertAll(tx, invocations);
      try (PreparedStatement prepared =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO invocation_events (invocation_id, seq, at, type, data) VALUES (?,1,?,?,?)")) {
        PreparedStatement ps = Sql.forBatch(tx, prepared);
        for (Invocation inv : invocations) {
          bindAll(ps, inv.id(), now, "status", statusData(inv, "created").toString());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    List<Invocation> gated = new ArrayList<>();
    for (Invocation inv : invocations) {
      tx.publish(new StoreEvent.InvocationCreated(inv, now));
      if (KeyGate.gated(inv)) {
        gated.add(inv);
        continue;
      }
      tx.publish(
          new StoreEvent.WorkAvailable(
              inv.spec().namespace(),
              inv.spec().agent(),
              inv.spec().function(),
              inv.state().availableAt()));
    }
    if (!gated.isEmpty()) {
      KeyGate.admit(tx, gated, now);
    }
  }

  void apply(Tx tx, Transition t, Instant now) throws SQLException {
    applyAll(tx, List.of(t), Map.of(), now);
  }

  void applyAll(Tx tx, List<Transition> transitions, Instant now) throws SQLException {
    applyAll(tx, transitions, Map.of(), now);
  }

  /**
   * Persists transitions of distinct invocations with a handful of batched statements, however many
   * there are (a claim of 100, a batch of 100 results): the new states with their log counters, the
   * attempt history, and one "status" log entry each. Sequence numbers come from the counters read
   * under the rows' locks (the single writer on SQLite, FOR UPDATE on PostgreSQL).
   *
   * @param causes the worker completions that caused some of the transitions, by invocation id
   */
  void applyAll(Tx tx, List<Transition> transitions, Map<String, Completion> causes, Instant now)
      throws SQLException {
    List<Transition> changed =
        transitions.stream().filter(t -> !t.after().equals(t.before())).toList();
    if (changed.isEmpty()) {
      return;
    }
    Connection c = tx.connection();
    Map<String, Long> counters =
        eventCounters(c, changed.stream().map(t -> t.after().id()).toList());
    List<Long> seqs = changed.stream().map(t -> counters.get(t.after().id()) + 1).toList();
    InvocationRows.updateStates(c, changed.stream().map(Transition::after).toList(), seqs);
    insertAttempts(
        c,
        changed.stream()
            .filter(t -> t.event().equals("attempt_started"))
            .map(Transition::after)
            .toList(),
        now);
    finishAttempts(c, changed.stream().filter(t -> t.attemptEnded().isPresent()).toList());
    List<InvocationHooks.AppliedTransition> applied = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO invocation_events (invocation_id, seq, at, type, data) VALUES (?,?,?,?,?)")) {
      for (int i = 0; i < changed.size(); i++) {
        Transition t = changed.get(i);
        String status = statusData(t.after(), t.event()).toString();
        Optional<Completion> cause = Optional.ofNullable(causes.get(t.after().id()));
        applied.add(new InvocationHooks.AppliedTransition(t, status, cause));
        bindAll(ps, t.after().id(), seqs.get(i), now, "status", status);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    for (Transition t : changed) {
      announce(tx, t, now);
    }
    hooks.afterTransitions(tx, applied, now);
    // Last, after the hooks: every path takes its locks in the same order (rows, then what the
    // hooks lock, then keys, then classes), so two of them cannot deadlock.
    KeyGate.afterTransitions(tx, changed, now);
    ClassWatch.afterTransitions(tx, changed, now);
  }

  private static void announce(Tx tx, Transition t, Instant now) {
    tx.publish(new StoreEvent.InvocationTransitioned(t, now));
    Invocation after = t.after();
    if (after.status() == InvocationStatus.PENDING) {
      tx.publish(
          new StoreEvent.WorkAvailable(
              after.spec().namespace(),
              after.spec().agent(),
              after.spec().function(),
              after.state().availableAt()));
    }
    if (t.before().status() == InvocationStatus.RUNNING
        && after.status() != InvocationStatus.RUNNING) {
      // A slot under a concurrency cap freed: a poll waiting on the cap may claim now.
      tx.publish(
          new StoreEvent.WorkAvailable(
              after.spec().namespace(), after.spec().agent(), after.spec().function(), now));
    }
    if (after.status() != t.before().status() || after.status().terminal()) {
      tx.publish(
          new StoreEvent.InvocationChanged(
              after.spec().namespace(), after.id(), after.status().terminal()));
    } else {
      // e.g. cancel_requested: no status change to announce, but streams of this log must still
      // wake.
      tx.publish(
          new StoreEvent.LogAppended(
              after.spec().namespace(), StoreEvent.LogKind.INVOCATION, after.id()));
    }
  }

  private static Map<String, Long> eventCounters(Connection c, List<String> ids)
      throws SQLException {
    Map<String, Long> out = new HashMap<>();
    Sql.InList in = Sql.InList.of(ids);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, event_seq FROM invocations WHERE id IN (" + in.placeholders() + ")")) {
      bindAll(ps, in.values().toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** Appends events with consecutive sequence numbers taken from the invocation's counter. */
  static void append(Connection c, String invocationId, List<NewEvent> events, Instant now)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    long last;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE invocations SET event_seq = event_seq + ? WHERE id = ? RETURNING event_seq")) {
      bindAll(ps, events.size(), invocationId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        last = rs.getLong(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO invocation_events (invocation_id, seq, at, type, data) VALUES (?,?,?,?,?)")) {
      long seq = last - events.size();
      for (NewEvent e : events) {
        bindAll(ps, invocationId, ++seq, now, e.type(), e.dataJson());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static ObjectNode statusData(Invocation inv, String event) {
    ObjectNode data = JSON.createObjectNode();
    data.put("event", event);
    data.put("status", inv.status().wire());
    data.put("attempt", inv.state().attempt());
    inv.state().error().ifPresent(e -> data.put("error", e.message()).put("error_type", e.type()));
    return data;
  }

  private static void insertAttempts(Connection c, List<Invocation> started, Instant now)
      throws SQLException {
    if (started.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO attempts (invocation_id, attempt, lease_id, worker_id, started_at) VALUES (?,?,?,?,?)")) {
      for (Invocation inv : started) {
        Lease lease = inv.state().lease().orElseThrow();
        bindAll(ps, inv.id(), inv.state().attempt(), lease.leaseId(), lease.workerId(), now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void finishAttempts(Connection c, List<Transition> ended) throws SQLException {
    if (ended.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE attempts SET finished_at=?, outcome=?, error_message=?, error_type=? WHERE invocation_id=? AND attempt=?")) {
      for (Transition t : ended) {
        AttemptOutcome outcome = t.attemptEnded().orElseThrow();
        bindAll(
            ps,
            outcome.finishedAt(),
            outcome.outcome(),
            outcome.error().map(ErrorInfo::message),
            outcome.error().map(ErrorInfo::type),
            t.after().id(),
            outcome.attempt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
