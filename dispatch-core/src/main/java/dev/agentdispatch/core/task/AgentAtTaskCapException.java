package dev.agentdispatch.core.task;

/**
 * Thrown when a task would be assigned to an agent that already holds its {@code max_open_tasks};
 * nothing changes, and the router tries its next candidate.
 */
public final class AgentAtTaskCapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentAtTaskCapException(String agent, int open, int cap) {
    super("agent '" + agent + "' holds " + open + " open tasks of its cap " + cap);
  }
}
