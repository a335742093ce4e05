package dev.agentdispatch.sdk.worker;

/** A payload could not be read into the record a function takes; retrying cannot fix it. */
public final class InvalidPayloadException extends NonRetryableException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what did not fit
   * @param cause the mapping failure
   */
  public InvalidPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
