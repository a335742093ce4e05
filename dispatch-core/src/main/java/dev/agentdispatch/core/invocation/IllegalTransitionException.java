package dev.agentdispatch.core.invocation;

/** Thrown when an operation does not apply to an invocation in its current status. */
public final class IllegalTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final InvocationStatus from;

  public IllegalTransitionException(String invocationId, InvocationStatus from, String operation) {
    super("cannot " + operation + " invocation " + invocationId + ": it is " + from.wire());
    this.from = from;
  }

  public InvocationStatus from() {
    return from;
  }
}
