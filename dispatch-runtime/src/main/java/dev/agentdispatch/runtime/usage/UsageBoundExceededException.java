package dev.agentdispatch.runtime.usage;

/** Common base of the budget and usage-limit errors. */
public abstract class UsageBoundExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected UsageBoundExceededException(String message) {
    super(message);
  }
}
