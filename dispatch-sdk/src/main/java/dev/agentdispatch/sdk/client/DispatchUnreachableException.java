package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.DispatchException;
import java.net.URI;

/** The server could not be reached, or did not answer in time. */
public final class DispatchUnreachableException extends DispatchException {
  private static final long serialVersionUID = 1L;

  private final URI baseUrl;

  /**
   * Creates the exception.
   *
   * @param baseUrl the server that was called
   * @param message the explanation, naming the server and the request
   * @param cause the I/O failure
   */
  public DispatchUnreachableException(URI baseUrl, String message, Throwable cause) {
    super(message, cause);
    this.baseUrl = baseUrl;
  }

  /**
   * Returns the server that could not be reached.
   *
   * @return its base URL
   */
  public URI baseUrl() {
    return baseUrl;
  }
}
