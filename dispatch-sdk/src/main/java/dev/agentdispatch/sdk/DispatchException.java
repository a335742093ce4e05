package dev.agentdispatch.sdk;

/**
 * Base of every unchecked exception the SDK throws, so callers can catch the whole family at once.
 */
public class DispatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that explains what went wrong.
   *
   * @param message the explanation
   */
  public DispatchException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the lower-level cause.
   *
   * @param message the explanation
   * @param cause the underlying failure
   */
  public DispatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
