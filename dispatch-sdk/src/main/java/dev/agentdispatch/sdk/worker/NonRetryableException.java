package dev.agentdispatch.sdk.worker;

/**
 * Thrown by a handler to fail the invocation at once: the worker reports {@code retryable: false},
 * so no further attempt is made. Use it for errors a retry cannot fix, such as bad input.
 */
public class NonRetryableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, as the invocation's error
   */
  public NonRetryableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, as the invocation's error
   * @param cause the underlying failure
   */
  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
