package dev.agentdispatch.core.task;

/** Thrown when an operation does not apply to a task in its current status; nothing changes. */
public final class IllegalTaskTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IllegalTaskTransitionException(String taskId, TaskStatus from, String operation) {
    super("cannot " + operation + " task " + taskId + ": it is " + from.wire());
  }
}
