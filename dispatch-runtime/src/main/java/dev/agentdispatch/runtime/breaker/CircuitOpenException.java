package dev.agentdispatch.runtime.breaker;

/** The breaker refused a call. */
public final class CircuitOpenException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String breakerName;

  public CircuitOpenException(String breakerName) {
    super("Circuit breaker '" + breakerName + "' is OPEN");
    this.breakerName = breakerName;
  }

  public String breakerName() {
    return breakerName;
  }
}
