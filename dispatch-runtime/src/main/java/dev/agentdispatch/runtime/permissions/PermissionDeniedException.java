package dev.agentdispatch.runtime.permissions;

/** A tool call the permission policy refused; the message is the outcome's reason. */
public final class PermissionDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient PermissionOutcome outcome;

  public PermissionDeniedException(PermissionOutcome outcome) {
    super(outcome.reason().orElse("permission denied"));
    this.outcome = outcome;
  }

  public PermissionOutcome outcome() {
    return outcome;
  }
}
