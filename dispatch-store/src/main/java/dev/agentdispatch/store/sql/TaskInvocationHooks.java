package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.task.AgentAtTaskCapException;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskStateMachine;
import dev.agentdispatch.core.task.TaskStatus;
import dev.agentdispatch.core.task.TaskTransition;
import dev.agentdispatch.core.task.TaskVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What tasks do when their invocations change (DESIGN §11), wired in by {@link SqlStore}. A
 * dispatch invocation carries the idempotency key {@code task:<task id>:<attempt>}: its creation
 * assigns the task in the same transaction (so a task is dispatched at most once per attempt, even
 * across a crash or two routers racing, and never past its agent's {@code max_open_tasks}), its
 * start marks the task in progress, and its end completes or fails the task in the transaction of
 * that end. When the task's policy names a verifier, a completed dispatch instead starts the
 * verifier's invocation ({@code task:<task id>:verify:<attempt>}) in that same transaction, and the
 * verifier's end approves or fails the task in its own. Other invocations pass through at the cost
 * of one string check.
 */
final class TaskInvocationHooks implements InvocationHooks {
  static final String KEY_PREFIX = "task:";
  static final String VERIFY = "verify";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OPEN = "status IN ('assigned', 'in_progress')";

  /** A verifier's invocation tries once: its failure fails the attempt it judges. */
  private static final RetryPolicy ONCE =
      new RetryPolicy(1, 1_000, 2.0, 1_000, Jitter.FULL, List.of());

  /**
   * The task and attempt a task invocation's key names; {@code verify} for the verifier's
   * invocation of that attempt.
   */
  record Dispatch(String taskId, int attempt, boolean verify) {
    static Optional<Dispatch> of(InvocationSpec spec) {
      Optional<String> key = spec.idempotencyKey().filter(k -> k.startsWith(KEY_PREFIX));
      if (key.isEmpty()) {
        return Optional.empty();
      }
      String rest = key.get().substring(KEY_PREFIX.length());
      int colon = rest.lastIndexOf(':');
      if (colon < 1) {
        return Optional.empty();
      }
      String head = rest.substring(0, colon);
      boolean verify = head.endsWith(":" + VERIFY);
      String taskId = verify ? head.substring(0, head.length() - VERIFY.length() - 1) : head;
      if (taskId.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Dispatch(taskId, Integer.parseInt(rest.substring(colon + 1)), verify));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /** The key of the verifier's invocation for a task's attempt. */
  static String verifyKey(String taskId, int attempt) {
    return KEY_PREFIX + taskId + ":" + VERIFY + ":" + attempt;
  }

  private final Dialect dialect;

  TaskInvocationHooks(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Assigns the task the new dispatch invocation is for; refuses the invocation (by throwing {@link
   * dev.agentdispatch.core.task.IllegalTaskTransitionException}) when the task is no longer pending
   * at that attempt, e.g. another router dispatched it first, or (by throwing {@link
   * AgentAtTaskCapException}) when the agent already holds its {@code max_open_tasks}. The count
   * and the assignment happen under one lock per agent, in this transaction: routers racing on
   * several nodes cannot together push an agent over its cap.
   */
  @Override
  public void beforeCreate(Tx tx, InvocationSpec spec) throws SQLException {
    Optional<Dispatch> d = Dispatch.of(spec);
    if (d.isEmpty() || d.get().verify()) {
      return;
    }
    Connection c = tx.connection();
    Optional<Task> task =
        TaskRows.find(c, spec.namespace(), d.get().taskId(), dialect.lockForUpdate());
    if (task.isEmpty()) {
      return; // a caller's own key that merely looks like ours
    }
    TaskTransition t =
        TaskStateMachine.assign(
            task.get(), d.get().attempt(), spec.agent(), spec.id(), spec.createdAt());
    checkCap(tx, spec.namespace(), spec.agent());
    TaskRows.persist(tx, t, Optional.empty(), spec.createdAt());
  }

  private void checkCap(Tx tx, String namespace, String agent) throws SQLException {
    Connection c = tx.connection();
    dialect.lock(c, KeyGate.lockId("task-cap\u0000" + namespace + "\u0000" + agent));
    Optional<Integer> cap = maxOpenTasks(c, namespace, agent);
    if (cap.isEmpty()) {
      return;
    }
    int open;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM tasks WHERE namespace = ? AND agent = ? AND " + OPEN)) {
      bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        open = rs.getInt(1);
      }
    }
    if (open >= cap.get()) {
      throw new AgentAtTaskCapException(agent, open, cap.get());
    }
  }

  /** The {@code max_open_tasks} of the agent's stored registration, if it declares one. */
  private static Optional<Integer> maxOpenTasks(Connection c, String namespace, String agent)
      throws SQLException {
    JsonNode cap = registration(c, namespace, agent).path("max_open_tasks");
    return cap.isInt() ? Optional.of(cap.asInt()) : Optional.empty();
  }

  /**
   * The agent's stored registration (the JSON the agent service writes), or a missing node when it
   * is not registered.
   */
  private static JsonNode registration(Connection c, String namespace, String agent)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT spec FROM agents WHERE namespace = ? AND name = ?")) {
      bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? JSON.readTree(rs.getString(1)) : JSON.missingNode();
      }
    }
  }

  /** The timeout the verifier function declares in its registration, else the default. */
  private static Duration verifierTimeout(Connection c, String namespace, TaskVerifier v)
      throws SQLException {
    for (JsonNode f : registration(c, namespace, v.agent()).path("functions")) {
      if (f.path("name").asString("").equals(v.function())
          && f.path("timeout_seconds").isNumber()) {
        return Duration.ofSeconds(f.path("timeout_seconds").asLong());
      }
    }
    return InvocationSpec.DEFAULT_TIMEOUT;
  }

  @Override
  public void afterTransitions(Tx tx, List<AppliedTransition> applied, Instant now)
      throws SQLException {
    for (AppliedTransition a : applied) {
      Invocation inv = a.transition().after();
      Optional<Dispatch> d = Dispatch.of(inv.spec());
      if (d.isEmpty()) {
        continue;
      }
      Optional<Task> found =
          TaskRows.find(
              tx.connection(), inv.spec().namespace(), d.get().taskId(), dialect.lockForUpdate());
      if (found.isEmpty() || !found.get().status().open()) {
        continue; // it ended meanwhile (timed out, closed issue, retried)
      }
      Task task = found.get();
      if (d.get().verify()) {
        if (task.state().verifying() && task.state().attempt() == d.get().attempt()) {
          Optional<TaskTransition> t = VerifierVerdict.decide(task, inv, now);
          if (t.isPresent()) {
            TaskRows.persist(tx, t.get(), Optional.empty(), now);
          }
        }
        continue;
      }
      if (!task.state().invocationId().equals(Optional.of(inv.id()))) {
        continue; // a stale dispatch: the task moved on (reassigned)
      }
      Optional<TaskTransition> t = decide(task, inv, now);
      if (t.isPresent()) {
        TaskRows.persist(tx, t.get(), Optional.empty(), now);
        if (t.get().after().state().verifying()) {
          startVerifier(tx, t.get().after(), inv, now);
        }
      }
    }
  }

  private static Optional<TaskTransition> decide(Task task, Invocation inv, Instant now) {
    InvocationStatus status = inv.state().status();
    String agent = inv.spec().agent();
    return switch (status) {
      case RUNNING ->
          task.status() == TaskStatus.ASSIGNED
              ? Optional.of(TaskStateMachine.start(task, now))
              : Optional.empty();
      case COMPLETED -> {
        String result = inv.state().resultJson().orElse("null");
        String reason = "agent '" + agent + "' returned its result (invocation " + inv.id() + ")";
        Optional<TaskVerifier> verifier = task.spec().policy().verifier();
        yield Optional.of(
            verifier.isPresent()
                ? TaskStateMachine.awaitVerdict(
                    task,
                    result,
                    reason + "; verifier '" + verifier.get().wire() + "' judges it",
                    now)
                : TaskStateMachine.complete(task, result, reason, now));
      }
      case ERROR, CANCELLED, TIMED_OUT -> {
        String why =
            "invocation "
                + inv.id()
                + " on agent '"
                + agent
                + "' ended "
                + status.wire()
                + inv.state()
                    .error()
                    .map(e -> " (" + e.type() + ": " + e.message() + ")")
                    .orElse("");
        yield Optional.of(TaskStateMachine.fail(task, why, now));
      }
      default -> Optional.empty();
    };
  }

  /**
   * Starts the verifier's invocation with {@code {task, result}}, in the transaction that holds the
   * result: a crash cannot leave a task waiting for a verdict nobody was asked for.
   */
  private static void startVerifier(Tx tx, Task task, Invocation dispatch, Instant now)
      throws SQLException {
    TaskVerifier v = task.spec().policy().verifier().orElseThrow();
    ObjectNode payload = JSON.createObjectNode();
    ObjectNode t = payload.putObject("task");
    t.put("task_id", task.id());
    t.put("title", task.spec().title());
    task.spec().description().ifPresent(d -> t.put("description", d));
    var criteria = t.putArray("acceptance_criteria");
    task.spec().acceptanceCriteria().forEach(criteria::add);
    t.put("task_type", task.state().taskType());
    t.put("attempt", task.state().attempt());
    task.state().agent().ifPresent(a -> t.put("agent", a));
    // An invocation's stored result is JSON (checked when the worker reported it).
    payload.set("result", JSON.readTree(task.state().pendingResult().orElse("null")));
    InvocationSpec spec =
        InvocationSpec.builder(Ids.uuid7(), task.spec().namespace(), v.agent(), v.function())
            .payloadJson(JSON.writeValueAsString(payload))
            .traceId(dispatch.spec().traceId())
            .createdAt(now)
            .priority(task.spec().priority())
            .retry(ONCE)
            .timeout(verifierTimeout(tx.connection(), task.spec().namespace(), v))
            .idempotencyKey(Optional.of(verifyKey(task.id(), task.state().attempt())))
            .build();
    InvocationLog.created(
        tx, new Invocation(spec, InvocationState.initial(now, now, now.plus(spec.timeout()))), now);
  }
}
