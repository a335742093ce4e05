package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.task.IssueRef;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskPolicy;
import dev.agentdispatch.core.task.TaskSpec;
import dev.agentdispatch.core.task.TaskState;
import dev.agentdispatch.core.task.TaskStatus;
import dev.agentdispatch.core.task.TaskTransition;
import dev.agentdispatch.core.task.TaskVerifier;
import dev.agentdispatch.store.task.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of a task: reading one, inserting one, and persisting a transition with its history row
 * and side effects. Shared by {@link SqlTaskStore} and {@link TaskInvocationHooks}, so a change
 * made in an invocation's transaction is written exactly as one made through the store.
 */
final class TaskRows {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final String COLUMNS =
      "id, namespace, title, description, acceptance_criteria, requested_type, pinned_agent,"
          + " issue_tracker, issue_repo, issue_number, priority, idempotency_key, timeout_ms,"
          + " deadline_at, policy, created_at, status, task_type, agent, invocation_id, attempt,"
          + " chain_start, tried_agents, route_at, waiting_since, reason, result, pending_result, updated_at";

  private TaskRows() {}

  static void insert(Connection c, Task t) throws SQLException {
    TaskSpec s = t.spec();
    TaskState st = t.state();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO tasks (" + COLUMNS + ") VALUES (" + "?,".repeat(28) + "?)")) {
      bindAll(
          ps,
          s.id(),
          s.namespace(),
          s.title(),
          s.description(),
          strings(s.acceptanceCriteria()),
          s.taskType(),
          s.agent(),
          s.issue().map(IssueRef::tracker),
          s.issue().map(IssueRef::repo),
          s.issue().map(IssueRef::number),
          s.priority(),
          s.idempotencyKey(),
          s.timeout().map(Duration::toMillis),
          s.deadline(),
          policy(s.policy()),
          s.createdAt(),
          st.status().wire(),
          st.taskType(),
          st.agent(),
          st.invocationId(),
          st.attempt(),
          st.chainStart(),
          strings(st.triedAgents()),
          st.routeAt(),
          st.waitingSince(),
          st.reason(),
          st.resultJson(),
          st.pendingResult(),
          st.updatedAt());
      ps.executeUpdate();
    }
  }

  static Optional<Task> find(Connection c, String namespace, String id, String lock)
      throws SQLException {
    List<Task> rows = select(c, "WHERE id = ? AND namespace = ? " + lock, id, namespace);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  static List<Task> select(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tasks " + where)) {
      bindAll(ps, args);
      List<Task> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  /**
   * Writes the new state, a history row and the side effects the change calls for, in the caller's
   * transaction.
   */
  static void persist(Tx tx, TaskTransition t, Optional<String> details, Instant now)
      throws SQLException {
    TaskState st = t.after().state();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE tasks SET status = ?, task_type = ?, agent = ?, invocation_id = ?,"
                    + " attempt = ?, chain_start = ?, tried_agents = ?, route_at = ?, waiting_since = ?, reason = ?,"
                    + " result = ?, pending_result = ?, updated_at = ? WHERE id = ?")) {
      bindAll(
          ps,
          st.status().wire(),
          st.taskType(),
          st.agent(),
          st.invocationId(),
          st.attempt(),
          st.chainStart(),
          strings(st.triedAgents()),
          st.routeAt(),
          st.waitingSince(),
          st.reason(),
          st.resultJson(),
          st.pendingResult(),
          st.updatedAt(),
          t.after().id());
      ps.executeUpdate();
    }
    // A task that keeps waiting for the same reason is looked at again and again: one row says it.
    boolean repeat = t.event().equals("waiting") && t.reason().equals(t.before().state().reason());
    if (!repeat) {
      history(tx.connection(), t.after().id(), t.event(), st.status(), t.reason(), details, now);
    }
    boolean issue = t.after().spec().issue().isPresent();
    if (t.event().equals("assigned") && issue) {
      outbox(
          tx.connection(),
          t.after(),
          TaskStore.TRACKER_ASSIGN + ":" + st.attempt() + ":" + st.agent().orElse(""),
          now);
    }
    if (t.escalated()) {
      outbox(tx.connection(), t.after(), TaskStore.ESCALATION_EVENT, now);
      outbox(tx.connection(), t.after(), TaskStore.ESCALATION_WEBHOOK, now);
      if (issue) {
        outbox(tx.connection(), t.after(), TaskStore.TRACKER_ESCALATE + ":" + st.attempt(), now);
      }
    }
  }

  static void history(
      Connection c,
      String taskId,
      String event,
      TaskStatus status,
      String reason,
      Optional<String> details,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO task_history (task_id, seq, at, event, status, reason, details)"
                + " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM task_history"
                + " WHERE task_id = ?")) {
      bindAll(ps, taskId, now, event, status.wire(), reason, details, taskId);
      ps.executeUpdate();
    }
  }

  private static void outbox(Connection c, Task t, String action, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO task_outbox (id, namespace, task_id, action, created_at, due_at)"
                + " VALUES (?,?,?,?,?,?)")) {
      bindAll(ps, Ids.uuid7(), t.spec().namespace(), t.id(), action, now, now);
      ps.executeUpdate();
    }
  }

  private static Task read(ResultSet rs) throws SQLException {
    Optional<IssueRef> issue =
        Sql.string(rs, "issue_tracker")
            .map(tr -> {
              try {
                return new IssueRef(tr, rs.getString("issue_repo"), rs.getLong("issue_number"));
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    TaskSpec spec =
        new TaskSpec(
            rs.getString("id"),
            rs.getString("namespace"),
            rs.getString("title"),
            Sql.string(rs, "description"),
            strings(rs.getString("acceptance_criteria")),
            Sql.string(rs, "requested_type"),
            Sql.string(rs, "pinned_agent"),
            issue,
            rs.getInt("priority"),
            Sql.string(rs, "idempotency_key"),
            Sql.optionalLong(rs, "timeout_ms").map(Duration::ofMillis),
            policy(rs.getString("policy")),
            Sql.instant(rs, "created_at"));
    TaskState state =
        new TaskState(
            TaskStatus.parse(rs.getString("status"))
                .orElseThrow(() -> new IllegalStateException("unknown task status")),
            rs.getString("task_type"),
            Sql.string(rs, "agent"),
            Sql.string(rs, "invocation_id"),
            rs.getInt("attempt"),
            rs.getInt("chain_start"),
            strings(rs.getString("tried_agents")),
            Sql.instant(rs, "route_at"),
            Sql.instant(rs, "waiting_since"),
            rs.getString("reason"),
            Sql.string(rs, "result"),
            Sql.string(rs, "pending_result"),
            Sql.instant(rs, "updated_at"));
    return new Task(spec, state);
  }

  private static String strings(List<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return JSON.writeValueAsString(a);
  }

  private static List<String> strings(String json) {
    List<String> out = new ArrayList<>();
    JSON.readTree(json).forEach(n -> out.add(n.asString()));
    return out;
  }

  private static String policy(TaskPolicy p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("max_attempts", p.maxAttempts());
    o.put("backoff_ms", p.backoff().toMillis());
    o.put("escalate_after_ms", p.escalateAfter().toMillis());
    o.put("reassign", p.reassign());
    o.put("escalate", p.escalate());
    p.verifier().ifPresent(v -> o.put("verifier", v.wire()));
    return JSON.writeValueAsString(o);
  }

  private static TaskPolicy policy(String json) {
    JsonNode o = JSON.readTree(json);
    return new TaskPolicy(
        o.get("max_attempts").asInt(),
        Duration.ofMillis(o.get("backoff_ms").asLong()),
        Duration.ofMillis(o.get("escalate_after_ms").asLong()),
        o.get("reassign").asBoolean(),
        o.get("escalate").asBoolean(),
        o.has("verifier")
            ? Optional.of(TaskVerifier.parse(o.get("verifier").asString()))
            : Optional.empty());
  }
}
