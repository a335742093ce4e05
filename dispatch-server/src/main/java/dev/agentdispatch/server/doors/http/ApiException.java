package dev.agentdispatch.server.doors.http;

import java.util.Optional;

/**
 * Every error the API answers with: mapped in one place ({@link ErrorMapper}) to {@code {"error":
 * {"code", "message", "details"}}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Optional<Object> details;

  public ApiException(int status, String code, String message, Optional<Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message, Optional.empty());
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message, Optional.empty());
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message, Optional.empty());
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, Optional.empty());
  }

  public static ApiException conflict(String code, String message, Optional<Object> details) {
    return new ApiException(409, code, message, details);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "payload_too_large", message, Optional.empty());
  }

  public static ApiException unprocessable(String message, Object details) {
    return new ApiException(422, "validation_failed", message, Optional.of(details));
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message, Optional.empty());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Optional<Object> details() {
    return details;
  }
}
