package dev.agentdispatch.core.task;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/** The lifecycle status of a routed task (DESIGN §11). */
public enum TaskStatus implements WireEnum {
  /** Waiting to be routed: new, between attempts, or without a candidate agent. */
  PENDING,
  /** Dispatched to an agent (its invocation exists) that has not started it yet. */
  ASSIGNED,
  /** The agent is working on it. */
  IN_PROGRESS,
  COMPLETED,
  /** Its attempts are spent and its policy does not escalate. */
  FAILED,
  /** Its deadline passed before it completed. */
  TIMED_OUT,
  /** Its attempts are spent, or it waited too long for an agent: a person must look. */
  ESCALATED;

  /** True for the statuses a task leaves only by an explicit retry. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == TIMED_OUT || this == ESCALATED;
  }

  /** True while an agent holds it (it counts against the agent's {@code max_open_tasks}). */
  public boolean open() {
    return this == ASSIGNED || this == IN_PROGRESS;
  }

  public static Optional<TaskStatus> parse(String value) {
    return WireEnum.parse(TaskStatus.class, value);
  }
}
