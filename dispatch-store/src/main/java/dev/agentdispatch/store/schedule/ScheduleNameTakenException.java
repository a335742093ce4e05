package dev.agentdispatch.store.schedule;

/** A schedule with that name already exists in the namespace. */
public final class ScheduleNameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScheduleNameTakenException(String namespace, String name) {
    super("a schedule named '" + name + "' already exists in namespace '" + namespace + "'");
  }
}
