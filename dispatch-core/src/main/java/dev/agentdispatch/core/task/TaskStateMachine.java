package dev.agentdispatch.core.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every change of a task, computed here and nowhere else (pure: time comes in as an argument). The
 * store loads a task inside its write transaction, asks for the transition and persists it with a
 * history row; an operation that does not apply throws {@link IllegalTaskTransitionException}.
 *
 * <pre>
 * pending → assigned → in_progress → completed
 *    ↑  ↖______________/   (a failed dispatch with attempts left waits its backoff)
 *    └── retry ── failed | timed_out | escalated
 * </pre>
 */
public final class TaskStateMachine {
  private TaskStateMachine() {}

  /** No candidate now: stays pending, looked at again at {@code recheckAt}, reason recorded. */
  public static TaskTransition waitFor(Task t, String reason, Instant recheckAt, Instant now) {
    require(t, "wait", t.status() == TaskStatus.PENDING);
    TaskState s = t.state();
    return new TaskTransition(
        t,
        t.with(
            new TaskState(
                TaskStatus.PENDING,
                s.taskType(),
                s.agent(),
                s.invocationId(),
                s.attempt(),
                s.chainStart(),
                s.triedAgents(),
                recheckAt,
                s.waitingSince(),
                reason,
                s.resultJson(),
                now)),
        "waiting",
        reason);
  }

  /**
   * Dispatched to {@code agent} as invocation {@code invocationId}: the next attempt. Only a
   * pending task whose attempt count is {@code attempt - 1} may be assigned, so two routers racing
   * over the same task cannot both dispatch it.
   */
  public static TaskTransition assign(
      Task t, int attempt, String agent, String invocationId, Instant now) {
    require(t, "assign", t.status() == TaskStatus.PENDING && t.state().attempt() == attempt - 1);
    TaskState s = t.state();
    List<String> tried = new ArrayList<>(s.triedAgents());
    tried.add(agent);
    String reason = "attempt " + attempt + " dispatched to agent '" + agent + "'";
    return new TaskTransition(
        t,
        t.with(
            new TaskState(
                TaskStatus.ASSIGNED,
                s.taskType(),
                Optional.of(agent),
                Optional.of(invocationId),
                attempt,
                s.chainStart(),
                tried,
                s.routeAt(),
                s.waitingSince(),
                reason,
                Optional.empty(),
                now)),
        "assigned",
        reason);
  }

  /** The agent started the dispatched invocation. */
  public static TaskTransition start(Task t, Instant now) {
    require(t, "start", t.status() == TaskStatus.ASSIGNED);
    String reason = "agent '" + t.state().agent().orElse("?") + "' started it";
    return new TaskTransition(
        t, t.with(status(t, TaskStatus.IN_PROGRESS, reason, now)), "started", reason);
  }

  /** The agent's result completes the task. */
  public static TaskTransition complete(Task t, String resultJson, String reason, Instant now) {
    require(t, "complete", t.status().open());
    TaskState s = status(t, TaskStatus.COMPLETED, reason, now);
    return new TaskTransition(
        t,
        t.with(
            new TaskState(
                s.status(),
                s.taskType(),
                s.agent(),
                s.invocationId(),
                s.attempt(),
                s.chainStart(),
                s.triedAgents(),
                s.routeAt(),
                s.waitingSince(),
                s.reason(),
                Optional.of(resultJson),
                now)),
        "completed",
        reason);
  }

  /**
   * The dispatch failed ({@code why}): pending again after the policy's backoff while attempts
   * remain, else escalated (or failed, when the policy does not escalate).
   */
  public static TaskTransition fail(Task t, String why, Instant now) {
    require(t, "fail", t.status().open());
    TaskPolicy p = t.spec().policy();
    int attempt = t.state().attemptsInChain();
    if (attempt < p.maxAttempts()) {
      Instant at = now.plus(p.backoffAfter(attempt));
      String reason =
          "attempt "
              + attempt
              + " of "
              + p.maxAttempts()
              + " failed: "
              + why
              + "; retried at "
              + at;
      TaskState s = t.state();
      return new TaskTransition(
          t,
          t.with(
              new TaskState(
                  TaskStatus.PENDING,
                  s.taskType(),
                  s.agent(),
                  s.invocationId(),
                  s.attempt(),
                  s.chainStart(),
                  s.triedAgents(),
                  at,
                  now,
                  reason,
                  Optional.empty(),
                  now)),
          "attempt_failed",
          reason);
    }
    String reason = "all " + p.maxAttempts() + " attempts failed; the last: " + why;
    TaskStatus end = p.escalate() ? TaskStatus.ESCALATED : TaskStatus.FAILED;
    return new TaskTransition(t, t.with(status(t, end, reason, now)), end.wire(), reason);
  }

  /** Waited for a candidate longer than the policy allows. */
  public static TaskTransition escalateWaiting(Task t, String why, Instant now) {
    require(t, "escalate", t.status() == TaskStatus.PENDING);
    String reason =
        "no agent took it within " + t.spec().policy().escalateAfter().toSeconds() + " s: " + why;
    return new TaskTransition(
        t, t.with(status(t, TaskStatus.ESCALATED, reason, now)), "escalated", reason);
  }

  /** Its deadline passed before it completed. */
  public static TaskTransition timeOut(Task t, Instant now) {
    require(t, "time out", !t.status().terminal());
    String reason =
        "its deadline " + t.spec().deadline().map(Instant::toString).orElse("?") + " passed";
    return new TaskTransition(
        t, t.with(status(t, TaskStatus.TIMED_OUT, reason, now)), "timed_out", reason);
  }

  /** A person retries an ended task that did not complete: pending, with a fresh attempt budget. */
  public static TaskTransition retry(Task t, Instant now) {
    require(
        t,
        "retry",
        t.status() == TaskStatus.FAILED
            || t.status() == TaskStatus.TIMED_OUT
            || t.status() == TaskStatus.ESCALATED);
    TaskState s = t.state();
    String reason = "retried by a caller after it was " + s.status().wire();
    return new TaskTransition(
        t,
        t.with(
            new TaskState(
                TaskStatus.PENDING,
                s.taskType(),
                s.agent(),
                s.invocationId(),
                s.attempt(),
                s.attempt(),
                List.of(),
                now,
                now,
                reason,
                Optional.empty(),
                now)),
        "retried",
        reason);
  }

  private static TaskState status(Task t, TaskStatus status, String reason, Instant now) {
    TaskState s = t.state();
    return new TaskState(
        status,
        s.taskType(),
        s.agent(),
        s.invocationId(),
        s.attempt(),
        s.chainStart(),
        s.triedAgents(),
        s.routeAt(),
        s.waitingSince(),
        reason,
        s.resultJson(),
        now);
  }

  private static void require(Task t, String operation, boolean allowed) {
    if (!allowed) {
      throw new IllegalTaskTransitionException(t.id(), t.status(), operation);
    }
  }
}
