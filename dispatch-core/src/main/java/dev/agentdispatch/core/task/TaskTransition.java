package dev.agentdispatch.core.task;

import java.util.Objects;

/**
 * One change of a task, as the state machine computed it: kept in the task's history with its
 * reason.
 *
 * @param event what happened, e.g. {@code assigned}, {@code attempt_failed}, {@code escalated}
 */
public record TaskTransition(Task before, Task after, String event, String reason) {
  public TaskTransition {
    Objects.requireNonNull(before, "before is null");
    Objects.requireNonNull(after, "after is null");
    Objects.requireNonNull(event, "event is null");
    Objects.requireNonNull(reason, "reason is null");
  }

  /** True when the task reached {@code escalated} with this change. */
  public boolean escalated() {
    return after.status() == TaskStatus.ESCALATED && before.status() != TaskStatus.ESCALATED;
  }
}
