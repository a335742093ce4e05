package dev.agentdispatch.core.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The changing part of a task; every change is computed by {@link TaskStateMachine}.
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
    Objects.requireNonNull(updatedAt, "updatedAt is null");
  }

  /** Dispatches made in the current chain. */
  public int attemptsInChain() {
    return attempt - chainStart;
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
        now);
  }
}
