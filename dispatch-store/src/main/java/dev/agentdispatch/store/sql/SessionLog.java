package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.invocation.NewEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Appends to a session's ordered log with consecutive seqs from the session's counter, and
 * announces it after commit. The counter update also locks the session row for the rest of the
 * transaction.
 */
final class SessionLog {
  private SessionLog() {}

  /** Appends one entry; false when the session does not exist. */
  static boolean append(
      Tx tx,
      String namespace,
      String sessionId,
      String type,
      Optional<String> runId,
      String dataJson,
      Instant now)
      throws SQLException {
    return append(tx, namespace, sessionId, runId, List.of(new NewEvent(type, dataJson)), now);
  }

  /**
   * Copies a run's events into its session's log (a no-op for invocations that are not session
   * runs).
   */
  static void mirror(Tx tx, Invocation run, List<NewEvent> events, Instant now)
      throws SQLException {
    if (run.spec().sessionId().isPresent()) {
      append(
          tx,
          run.spec().namespace(),
          run.spec().sessionId().get(),
          Optional.of(run.id()),
          events,
          now);
    }
  }

  private static boolean append(
      Tx tx,
      String namespace,
      String sessionId,
      Optional<String> runId,
      List<NewEvent> events,
      Instant now)
      throws SQLException {
    if (events.isEmpty()) {
      return true;
    }
    long last;
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE sessions SET event_seq = event_seq + ? WHERE namespace = ? AND id = ? RETURNING event_seq")) {
      bindAll(ps, events.size(), namespace, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        last = rs.getLong(1);
      }
    }
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO session_events (namespace, session_id, seq, at, type, run_id, data) VALUES (?,?,?,?,?,?,?)")) {
      long seq = last - events.size();
      for (NewEvent e : events) {
        bindAll(ps, namespace, sessionId, ++seq, now, e.type(), runId, e.dataJson());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    tx.publish(new StoreEvent.LogAppended(namespace, StoreEvent.LogKind.SESSION, sessionId));
    return true;
  }
}
