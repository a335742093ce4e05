package dev.agentdispatch.runtime.lifecycle;

/** A lifecycle transition that the table does not allow. */
public final class InvalidTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final AgentStatus current;
  private final AgentStatus target;

  public InvalidTransitionException(AgentStatus current, AgentStatus target) {
    super("Invalid transition: " + current.value() + " → " + target.value());
    this.current = current;
    this.target = target;
  }

  public AgentStatus current() {
    return current;
  }

  public AgentStatus target() {
    return target;
  }
}
