package dev.agentdispatch.runtime.session;

/** The session already ran {@code max_iterations} turns. */
public final class MaxIterationsExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int maxIterations;

  public MaxIterationsExceededException(int maxIterations) {
    super(
        "session reached max_iterations=" + maxIterations + "; raise the cap or shorten the loop");
    this.maxIterations = maxIterations;
  }

  public int maxIterations() {
    return maxIterations;
  }
}
