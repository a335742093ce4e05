package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskStateMachine;
import dev.agentdispatch.core.task.TaskStatus;
import dev.agentdispatch.core.task.TaskTransition;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What tasks do when their dispatch invocations change (DESIGN §11), wired in by {@link SqlStore}.
 * A dispatch invocation carries the idempotency key {@code task:<task id>:<attempt>}: its creation
 * assigns the task in the same transaction (so a task is dispatched at most once per attempt, even
 * across a crash or two routers racing), its start marks the task in progress, and its end
 * completes or fails the task in the transaction of that end. Other invocations pass through at the
 * cost of one string check.
 */
final class TaskInvocationHooks implements InvocationHooks {
  static final String KEY_PREFIX = "task:";

  /** The task and attempt a dispatch invocation's key names. */
  record Dispatch(String taskId, int attempt) {
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
      try {
        return Optional.of(
            new Dispatch(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  private final Dialect dialect;

  TaskInvocationHooks(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Assigns the task the new dispatch invocation is for; refuses the invocation (by throwing {@link
   * dev.agentdispatch.core.task.IllegalTaskTransitionException}) when the task is no longer pending
   * at that attempt, e.g. another router dispatched it first.
   */
  @Override
  public void beforeCreate(Tx tx, InvocationSpec spec) throws SQLException {
    Optional<Dispatch> d = Dispatch.of(spec);
    if (d.isEmpty()) {
      return;
    }
    Optional<Task> task =
        TaskRows.find(tx.connection(), spec.namespace(), d.get().taskId(), dialect.lockForUpdate());
    if (task.isEmpty()) {
      return; // a caller's own key that merely looks like ours
    }
    TaskTransition t =
        TaskStateMachine.assign(
            task.get(), d.get().attempt(), spec.agent(), spec.id(), spec.createdAt());
    TaskRows.persist(tx, t, Optional.empty(), spec.createdAt());
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
      if (found.isEmpty()
          || !found.get().state().invocationId().equals(Optional.of(inv.id()))
          || !found.get().status().open()) {
        continue; // a stale dispatch: the task moved on (timed out, retried, reassigned)
      }
      Task task = found.get();
      Optional<TaskTransition> t = decide(task, inv, now);
      if (t.isPresent()) {
        TaskRows.persist(tx, t.get(), Optional.empty(), now);
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
      case COMPLETED ->
          Optional.of(
              TaskStateMachine.complete(
                  task,
                  inv.state().resultJson().orElse("null"),
                  "agent '" + agent + "' returned its result (invocation " + inv.id() + ")",
                  now));
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
}
