package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.DispatchException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The server answered with an HTTP error (4xx or 5xx). Carries the fields of the server's error
 * body {@code {"error":{"code","message","details"}}}.
 */
public final class DispatchApiException extends DispatchException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String errorMessage;
  private final transient JsonNode details;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status
   * @param code the server's error code, e.g. {@code not_found}
   * @param errorMessage the server's message
   * @param details the server's details, or {@code null}
   * @param request the request line, e.g. {@code GET /v1/namespaces/default/invocations/x}
   */
  public DispatchApiException(
      int status, String code, String errorMessage, JsonNode details, String request) {
    super(request + " failed with HTTP " + status + " " + code + ": " + errorMessage);
    this.status = status;
    this.code = code;
    this.errorMessage = errorMessage;
    this.details = details == null || details.isNull() || details.isMissingNode() ? null : details;
  }

  /**
   * Returns the HTTP status.
   *
   * @return e.g. 404
   */
  public int status() {
    return status;
  }

  /**
   * Returns the server's machine-readable error code.
   *
   * @return e.g. {@code not_found} or {@code conflict}
   */
  public String code() {
    return code;
  }

  /**
   * Returns the server's message, without the request line this exception's message adds.
   *
   * @return the message
   */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * Returns the server's structured details (e.g. each schema violation for a 422).
   *
   * @return the details, when the server sent any
   */
  public Optional<JsonNode> details() {
    return Optional.ofNullable(details);
  }

  /**
   * Tells whether trying the same request later may succeed (429, 503 and other 5xx).
   *
   * @return true for transient failures
   */
  public boolean isTransient() {
    return status == 429 || status >= 500;
  }
}
