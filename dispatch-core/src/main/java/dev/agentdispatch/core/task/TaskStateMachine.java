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
 * pending → assigned → in_progress ──────────────→ completed
 *    ↑  ↖______________/   │   └→ verifying ─ approve ↗
 *    │                     │          └ reject → (as a failed dispatch)
 *    │   (a failed dispatch with attempts left waits its backoff)
 *    └── retry ── failed | timed_out | escalated
 * </pre>
 */
public final class TaskStateMachine {
  private TaskStateMachine() {}

  /** No candidate now: stays pending, looked at again at {@code recheckAt}, reason recorded. */
  public static TaskTransition waitFor(Task t, String reason, Instant recheckAt, Instant now) {
    require(t, "wait", t.status() == TaskStatus.PENDING);
    TaskState s = t.state();
    return move(
        t, s.withRouting(recheckAt, s.waitingSince()), TaskStatus.PENDING, "waiting", reason, now);
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
    return move(
        t,
        s.withDispatch(agent, invocationId, attempt, tried).withResult(Optional.empty()),
        TaskStatus.ASSIGNED,
        "assigned",
        reason,
        now);
  }

  /** The agent started the dispatched invocation. */
  public static TaskTransition start(Task t, Instant now) {
    require(t, "start", t.status() == TaskStatus.ASSIGNED);
    String reason = "agent '" + t.state().agent().orElse("?") + "' started it";
    return move(t, t.state(), TaskStatus.IN_PROGRESS, "started", reason, now);
  }

  /** The agent's result completes the task (or a closed issue does, verifier or not). */
  public static TaskTransition complete(Task t, String resultJson, String reason, Instant now) {
    require(t, "complete", t.status().open());
    TaskState s = t.state().withPendingResult(Optional.empty()).withResult(Optional.of(resultJson));
    return move(t, s, TaskStatus.COMPLETED, "completed", reason, now);
  }

  /**
   * The agent returned {@code resultJson} and the task's type has a verifier: the task stays in
   * progress, holding the result, until the verifier's verdict.
   */
  public static TaskTransition awaitVerdict(Task t, String resultJson, String reason, Instant now) {
    require(t, "verify", t.status().open() && !t.state().verifying());
    // In progress first: only a task in progress may hold a result awaiting its verdict.
    TaskState s =
        t.state()
            .moved(TaskStatus.IN_PROGRESS, reason, now)
            .withPendingResult(Optional.of(resultJson));
    return new TaskTransition(t, t.with(s), "verifying", reason);
  }

  /** The verifier approved the held result: it completes the task. */
  public static TaskTransition approve(Task t, String reason, Instant now) {
    require(t, "approve", t.status() == TaskStatus.IN_PROGRESS && t.state().verifying());
    TaskState s = t.state();
    TaskState done = s.withPendingResult(Optional.empty()).withResult(s.pendingResult());
    return move(t, done, TaskStatus.COMPLETED, "approved", reason, now);
  }

  /**
   * The dispatch failed ({@code why}), or the verifier rejected its result: pending again after the
   * policy's backoff while attempts remain, else escalated (or failed, when the policy does not
   * escalate).
   */
  public static TaskTransition fail(Task t, String why, Instant now) {
    require(t, "fail", t.status().open());
    TaskPolicy p = t.spec().policy();
    int attempt = t.state().attemptsInChain();
    TaskState s = t.state().withPendingResult(Optional.empty());
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
      return move(
          t,
          s.withRouting(at, now).withResult(Optional.empty()),
          TaskStatus.PENDING,
          "attempt_failed",
          reason,
          now);
    }
    String reason = "all " + p.maxAttempts() + " attempts failed; the last: " + why;
    TaskStatus end = p.escalate() ? TaskStatus.ESCALATED : TaskStatus.FAILED;
    return move(t, s, end, end.wire(), reason, now);
  }

  /** Waited for a candidate longer than the policy allows. */
  public static TaskTransition escalateWaiting(Task t, String why, Instant now) {
    require(t, "escalate", t.status() == TaskStatus.PENDING);
    String reason =
        "no agent took it within " + t.spec().policy().escalateAfter().toSeconds() + " s: " + why;
    return move(t, t.state(), TaskStatus.ESCALATED, "escalated", reason, now);
  }

  /** Its deadline passed before it completed. */
  public static TaskTransition timeOut(Task t, Instant now) {
    require(t, "time out", !t.status().terminal());
    String reason =
        "its deadline " + t.spec().deadline().map(Instant::toString).orElse("?") + " passed";
    TaskState s = t.state().withPendingResult(Optional.empty());
    return move(t, s, TaskStatus.TIMED_OUT, "timed_out", reason, now);
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
    return move(
        t,
        s.withNewChain().withRouting(now, now).withResult(Optional.empty()),
        TaskStatus.PENDING,
        "retried",
        reason,
        now);
  }

  private static TaskTransition move(
      Task t, TaskState next, TaskStatus status, String event, String reason, Instant now) {
    return new TaskTransition(t, t.with(next.moved(status, reason, now)), event, reason);
  }

  private static void require(Task t, String operation, boolean allowed) {
    if (!allowed) {
      throw new IllegalTaskTransitionException(t.id(), t.status(), operation);
    }
  }
}
