package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStateMachine;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskStatus;
import dev.agentdispatch.core.task.TaskTransition;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.task.OutboxItem;
import dev.agentdispatch.store.task.TaskCreate;
import dev.agentdispatch.store.task.TaskHistoryEntry;
import dev.agentdispatch.store.task.TaskStore;
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
import java.util.function.Function;

/** Tasks over SQL; see {@link TaskStore}. */
public final class SqlTaskStore implements TaskStore {
  private static final String OPEN = "status IN ('assigned', 'in_progress')";

  private final Transactor db;
  private final Dialect dialect;
  private final InvocationStateMachine machine;
  private final InvocationLog log;

  /**
   * @param machine and {@code log}: how the invocations a task ends with are cancelled (the same
   *     state machine and hooks as the invocation store's)
   */
  SqlTaskStore(Transactor db, Dialect dialect, InvocationStateMachine machine, InvocationLog log) {
    this.db = db;
    this.dialect = dialect;
    this.machine = machine;
    this.log = log;
  }

  @Override
  public TaskCreate create(Task task, String reason, Optional<String> detailsJson, Instant now) {
    return db.write(tx -> {
      if (task.spec().idempotencyKey().isPresent()) {
        List<Task> earlier =
            TaskRows.select(
                tx.connection(),
                "WHERE namespace = ? AND idempotency_key = ?",
                task.spec().namespace(),
                task.spec().idempotencyKey().get());
        if (!earlier.isEmpty()) {
          return new TaskCreate.Deduplicated(earlier.get(0));
        }
      }
      TaskRows.insert(tx.connection(), task);
      TaskRows.history(
          tx.connection(), task.id(), "created", task.status(), reason, detailsJson, now);
      return new TaskCreate.Created(task);
    });
  }

  @Override
  public Optional<Task> find(String namespace, String id) {
    return db.read(c -> TaskRows.find(c, namespace, id, ""));
  }

  @Override
  public Page<Task> list(
      String namespace, Optional<TaskStatus> status, int limit, Optional<String> cursor) {
    StringBuilder where = new StringBuilder("WHERE namespace = ?");
    List<Object> args = new ArrayList<>(List.of(namespace));
    status.ifPresent(s -> {
      where.append(" AND status = ?");
      args.add(s.wire());
    });
    cursor.ifPresent(c -> {
      where.append(" AND id > ?");
      args.add(c);
    });
    where.append(" ORDER BY id LIMIT ?");
    args.add(limit + 1);
    List<Task> rows = db.read(c -> TaskRows.select(c, where.toString(), args.toArray()));
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<Task> page = rows.subList(0, limit);
    return new Page<>(page, Optional.of(page.get(page.size() - 1).id()));
  }

  @Override
  public List<Task> escalated(String namespace, int limit) {
    return db.read(c ->
        TaskRows.select(
            c,
            "WHERE namespace = ? AND status = 'escalated' ORDER BY updated_at DESC, id LIMIT ?",
            namespace,
            limit));
  }

  @Override
  public List<TaskHistoryEntry> history(String namespace, String id) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT h.seq, h.at, h.event, h.status, h.reason, h.details FROM task_history h"
                  + " JOIN tasks t ON t.id = h.task_id WHERE t.namespace = ? AND h.task_id = ?"
                  + " ORDER BY h.seq")) {
        bindAll(ps, namespace, id);
        List<TaskHistoryEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new TaskHistoryEntry(
                    rs.getInt("seq"),
                    Sql.instant(rs, "at"),
                    rs.getString("event"),
                    TaskStatus.parse(rs.getString("status")).orElseThrow(),
                    rs.getString("reason"),
                    Sql.string(rs, "details")));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Optional<Task> apply(
      String namespace,
      String id,
      Function<Task, TaskTransition> decide,
      Optional<String> detailsJson,
      Instant now) {
    return db.write(tx -> {
      Optional<Task> current =
          TaskRows.find(tx.connection(), namespace, id, dialect.lockForUpdate());
      if (current.isEmpty()) {
        return Optional.empty();
      }
      TaskTransition t = decide.apply(current.get());
      TaskRows.persist(tx, t, detailsJson, now);
      cancelWork(tx, t, now);
      return Optional.of(t.after());
    });
  }

  /**
   * A task that ends here (timed out, its issue closed) while an agent or its verifier still works
   * on it cancels that invocation in the same transaction: nobody keeps working on a task that is
   * over. A running invocation is asked to stop (its worker sees the cancel request); its later end
   * finds the task ended and changes nothing.
   */
  private void cancelWork(Tx tx, TaskTransition t, Instant now) throws SQLException {
    if (!t.after().status().terminal() || !t.before().status().open()) {
      return;
    }
    Task before = t.before();
    String ns = before.spec().namespace();
    List<Invocation> work = new ArrayList<>();
    if (before.state().invocationId().isPresent()) {
      InvocationReads.one(
              tx.connection(),
              "WHERE id=? AND namespace=? " + dialect.lockForUpdate(),
              before.state().invocationId().get(),
              ns)
          .ifPresent(work::add);
    }
    if (before.state().verifying()) {
      InvocationReads.one(
              tx.connection(),
              "WHERE namespace=? AND idempotency_key=? " + dialect.lockForUpdate(),
              ns,
              TaskInvocationHooks.verifyKey(before.id(), before.state().attempt()))
          .ifPresent(work::add);
    }
    for (Invocation inv : work) {
      if (!inv.state().status().terminal()) {
        log.apply(tx, machine.cancel(inv, now), now);
      }
    }
  }

  @Override
  public void note(
      String namespace,
      String id,
      String event,
      String reason,
      Optional<String> detailsJson,
      Instant now) {
    db.write(tx -> {
      Optional<Task> t = TaskRows.find(tx.connection(), namespace, id, "");
      if (t.isPresent()) {
        TaskRows.history(tx.connection(), id, event, t.get().status(), reason, detailsJson, now);
      }
      return null;
    });
  }

  @Override
  public List<Task> dueForRouting(Instant now, int limit) {
    return db.read(c ->
        TaskRows.select(
            c, "WHERE status = 'pending' AND route_at <= ? ORDER BY route_at LIMIT ?", now, limit));
  }

  @Override
  public List<Task> openWithIssue(int limit) {
    return db.read(c ->
        TaskRows.select(
            c,
            "WHERE issue_tracker IS NOT NULL AND " + OPEN + " ORDER BY updated_at LIMIT ?",
            limit));
  }

  @Override
  public List<Task> pastDeadline(Instant now, int limit) {
    return db.read(c ->
        TaskRows.select(
            c,
            "WHERE deadline_at IS NOT NULL AND deadline_at <= ?"
                + " AND status IN ('pending', 'assigned', 'in_progress') ORDER BY deadline_at"
                + " LIMIT ?",
            now,
            limit));
  }

  @Override
  public Map<String, Integer> openCounts(String namespace) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT agent, COUNT(*) FROM tasks WHERE namespace = ? AND "
                  + OPEN
                  + " GROUP BY agent")) {
        bindAll(ps, namespace);
        Map<String, Integer> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getInt(2));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<OutboxItem> dueOutbox(Instant now, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, namespace, task_id, action, tries FROM task_outbox"
                  + " WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?")) {
        bindAll(ps, now, limit);
        List<OutboxItem> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new OutboxItem(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void outboxDone(String id, Instant now) {
    update("UPDATE task_outbox SET done_at = ? WHERE id = ?", now, id);
  }

  @Override
  public void outboxFailed(String id, String error, Instant retryAt) {
    update(
        "UPDATE task_outbox SET tries = tries + 1, last_error = ?, due_at = ? WHERE id = ?",
        error,
        retryAt,
        id);
  }

  @Override
  public int pruneEndedBefore(Instant cutoff, int limit) {
    return db.write(tx -> {
      Connection c = tx.connection();
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT t.id FROM tasks t WHERE t.updated_at < ?"
                  + " AND t.status IN ('completed', 'failed', 'timed_out', 'escalated')"
                  + " AND NOT EXISTS (SELECT 1 FROM task_outbox o"
                  + " WHERE o.task_id = t.id AND o.done_at IS NULL) LIMIT ?")) {
        bindAll(ps, cutoff, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      for (String sql :
          List.of(
              "DELETE FROM task_history WHERE task_id = ?",
              "DELETE FROM task_outbox WHERE task_id = ?",
              "DELETE FROM tasks WHERE id = ?")) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (String id : ids) {
            ps.setString(1, id);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return ids.size();
    });
  }

  @Override
  public Optional<String> setting(String namespace, String name) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT value FROM task_settings WHERE namespace = ? AND name = ?")) {
        bindAll(ps, namespace, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  @Override
  public void putSetting(String namespace, String name, String valueJson, Instant now) {
    update(
        "INSERT INTO task_settings (namespace, name, value, updated_at) VALUES (?,?,?,?)"
            + " ON CONFLICT (namespace, name) DO UPDATE SET value = excluded.value,"
            + " updated_at = excluded.updated_at",
        namespace,
        name,
        valueJson,
        now);
  }

  private void update(String sql, Object... args) {
    db.write(tx -> {
      try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
        bindAll(ps, args);
        return ps.executeUpdate();
      }
    });
  }
}
