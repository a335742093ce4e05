package dev.agentdispatch.core.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The changing part of a task; every change is computed by {@link TaskStateMachine}, which builds
 * the next state with the withers below (each returns a copy with one part changed).
 *
 * @param taskType the type it is routed by (given, or inferred at creation)
 * @param agent the agent of its latest dispatch
 * @param invocationId the invocation of its latest dispatch
 * @param attempt how many dispatches were ever made (each has its own invocation key)
 * @param chainStart the value of {@code attempt} when the current chain of tries began (a manual
 *     retry starts a new chain with a fresh budget of attempts)
 * @param triedAgents the agents it was dispatched to, in order (current chain)
 * @param routeAt when a pending task is next looked at by the router
 * @param waitingSince since when a pending task has waited (for {@code escalate_after})
 * @param reason why it is in this status (the latest decision)
 * @param resultJson the agent's result once completed
 * @param pendingResult the agent's result while its type's verifier judges it (the task is still
 *     {@code in_progress}); empty otherwise
 */
public record TaskState(
    TaskStatus status,
    String taskType,
    Optional<String> agent,
    Optional<String> invocationId,
    int attempt,
    int chainStart,
    List<String> triedAgents,
    Instant routeAt,
    Instant waitingSince,
    String reason,
    Optional<String> resultJson,
    Optional<String> pendingResult,
    Instant updatedAt) {
  public TaskState {
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(taskType, "taskType is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(invocationId, "invocationId is null");
    triedAgents = List.copyOf(triedAgents);
    Objects.requireNonNull(routeAt, "routeAt is null");
    Objects.requireNonNull(waitingSince, "waitingSince is null");
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(resultJson, "resultJson is null");
    Objects.requireNonNull(pendingResult, "pendingResult is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
    if (pendingResult.isPresent() && status != TaskStatus.IN_PROGRESS) {
      throw new IllegalArgumentException("only a task in progress awaits a verdict");
    }
  }

  /** Dispatches made in the current chain. */
  public int attemptsInChain() {
    return attempt - chainStart;
  }

  /** True while its type's verifier judges the agent's result. */
  public boolean verifying() {
    return pendingResult.isPresent();
  }

  /**
   * A new task, pending, due for the router's pass at {@code routeAt} (its creator may route it
   * itself first).
   */
  public static TaskState initial(String taskType, String reason, Instant routeAt, Instant now) {
    return new TaskState(
        TaskStatus.PENDING,
        taskType,
        Optional.empty(),
        Optional.empty(),
        0,
        0,
        List.of(),
        routeAt,
        now,
        reason,
        Optional.empty(),
        Optional.empty(),
        now);
  }

  /** This state moved to {@code next} for {@code why} at {@code now} (every change does this). */
  public TaskState moved(TaskStatus next, String why, Instant now) {
    Copy c = new Copy(this);
    c.status = next;
    c.reason = why;
    c.updatedAt = now;
    return c.build();
  }

  public TaskState withDispatch(
      String agent, String invocationId, int attempt, List<String> tried) {
    Copy c = new Copy(this);
    c.agent = Optional.of(agent);
    c.invocationId = Optional.of(invocationId);
    c.attempt = attempt;
    c.triedAgents = tried;
    return c.build();
  }

  /** Looked at by the router at {@code at}, waiting since {@code since}. */
  public TaskState withRouting(Instant at, Instant since) {
    Copy c = new Copy(this);
    c.routeAt = at;
    c.waitingSince = since;
    return c.build();
  }

  /** A new chain of tries starts now: a fresh attempt budget and no agent tried yet. */
  public TaskState withNewChain() {
    Copy c = new Copy(this);
    c.chainStart = attempt;
    c.triedAgents = List.of();
    return c.build();
  }

  public TaskState withResult(Optional<String> result) {
    Copy c = new Copy(this);
    c.resultJson = result;
    return c.build();
  }

  public TaskState withPendingResult(Optional<String> pending) {
    Copy c = new Copy(this);
    c.pendingResult = pending;
    return c.build();
  }

  /** The one place that lists every part: the withers change a copy's fields and build it. */
  private static final class Copy {
    private TaskStatus status;
    private final String taskType;
    private Optional<String> agent;
    private Optional<String> invocationId;
    private int attempt;
    private int chainStart;
    private List<String> triedAgents;
    private Instant routeAt;
    private Instant waitingSince;
    private String reason;
    private Optional<String> resultJson;
    private Optional<String> pendingResult;
    private Instant updatedAt;

    private Copy(TaskState s) {
      status = s.status;
      taskType = s.taskType;
      agent = s.agent;
      invocationId = s.invocationId;
      attempt = s.attempt;
      chainStart = s.chainStart;
      triedAgents = s.triedAgents;
      routeAt = s.routeAt;
      waitingSince = s.waitingSince;
      reason = s.reason;
      resultJson = s.resultJson;
      pendingResult = s.pendingResult;
      updatedAt = s.updatedAt;
    }

    private TaskState build() {
      return new TaskState(
          status,
          taskType,
          agent,
          invocationId,
          attempt,
          chainStart,
          triedAgents,
          routeAt,
          waitingSince,
          reason,
          resultJson,
          pendingResult,
          updatedAt);
    }
  }
}
