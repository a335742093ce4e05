package dev.agentdispatch.core.invocation;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an attempt or an invocation failed.
 *
 * @param message human-readable message ({@code error} on the wire)
 * @param type machine-readable type, e.g. the exception's simple class name ({@code error_type})
 * @param trace optional stack trace
 * @param detailsJson optional structured details, as raw JSON
 */
public record ErrorInfo(
    String message, String type, Optional<String> trace, Optional<String> detailsJson) {

  /** Error type of an attempt whose lease ran out without a heartbeat. */
  public static final String LEASE_EXPIRED = "lease_expired";

  /** Error type of an attempt that ran past {@code attempt_timeout_seconds}. */
  public static final String ATTEMPT_TIMED_OUT = "attempt_timed_out";

  /** Error type of an invocation that passed its overall deadline. */
  public static final String TIMED_OUT = "timed_out";

  /** Error type of an invocation the server itself could not process (a defect, reported). */
  public static final String INTERNAL_ERROR = "internal_error";

  public ErrorInfo {
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(trace, "trace is null");
    Objects.requireNonNull(detailsJson, "detailsJson is null");
  }

  public static ErrorInfo of(String type, String message) {
    return new ErrorInfo(message, type, Optional.empty(), Optional.empty());
  }
}
