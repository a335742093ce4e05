package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Why an attempt or an invocation failed.
 *
 * @param error the human-readable message
 * @param errorType the kind of error, e.g. the exception's simple class name
 * @param trace a stack trace, when the worker sent one
 * @param details structured details, when there are any
 */
public record InvocationError(
    String error, String errorType, Optional<String> trace, Optional<JsonNode> details) {
  /** Checks the required fields and normalises absent ones. */
  public InvocationError {
    requireNonNull(error, "error is null");
    errorType = errorType == null ? "Error" : errorType;
    trace = Normalize.optional(trace);
    details = Normalize.json(details);
  }

  /**
   * Creates an error without trace or details.
   *
   * @param error the message
   * @param errorType the kind of error
   * @return the error
   */
  public static InvocationError of(String error, String errorType) {
    return new InvocationError(error, errorType, Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return errorType + ": " + error;
  }
}
