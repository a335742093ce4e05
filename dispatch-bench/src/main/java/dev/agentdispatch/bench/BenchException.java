package dev.agentdispatch.bench;

/**
 * A run that could not be carried out (server refused to start, the API answered an error, a run
 * timed out).
 */
public final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
