package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.DispatchException;
import java.time.Duration;
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
  private final Duration retryAfter;

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
    this(status, code, errorMessage, details, request, Optional.empty());
  }

  /**
   * Creates the exception with the server's {@code Retry-After}.
   *
   * @param status the HTTP status
   * @param code the server's error code, e.g. {@code rate_limited}
   * @param errorMessage the server's message
   * @param details the server's details, or {@code null}
   * @param request the request line, e.g. {@code POST /v1/namespaces/default/invocations}
   * @param retryAfter how long the server asked the caller to wait, when it said
   */
  public DispatchApiException(
      int status,
      String code,
      String errorMessage,
      JsonNode details,
      String request,
      Optional<Duration> retryAfter) {
    super(request + " failed with HTTP " + status + " " + code + ": " + errorMessage);
    this.status = status;
    this.code = code;
    this.errorMessage = errorMessage;
    this.details = details == null || details.isNull() || details.isMissingNode() ? null : details;
    this.retryAfter = retryAfter == null ? null : retryAfter.orElse(null);
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
   * Returns how long the server asked the caller to wait before trying again: its {@code
   * Retry-After} header (seconds, or an HTTP date counted from now). A 429 {@code rate_limited}
   * answer always carries one: it is when the rate limit has a token again.
   *
   * @return the wait, when the server sent one
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Tells whether the server refused the request because a rate limit of the agent or function has
   * no token left (429 {@code rate_limited}); nothing was stored. Try again after {@link
   * #retryAfter()}.
   *
   * @return true for a rate-limit refusal
   */
  public boolean isRateLimited() {
    return status == 429 && "rate_limited".equals(code);
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
