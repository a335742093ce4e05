package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The outcome of one lease, as reported in {@code POST /workers/complete}.
 *
 * @param leaseId the lease
 * @param status {@code completed}, {@code error} or {@code cancelled}
 * @param result the result, for completed (JSON null for a void function)
 * @param error the error, for error
 * @param retryable false when the error must not be retried
 */
public record CompletionResult(
    String leaseId,
    String status,
    Optional<JsonNode> result,
    Optional<InvocationError> error,
    Optional<Boolean> retryable) {

  /** Status of a successful attempt. */
  public static final String COMPLETED = "completed";
  /** Status of a failed attempt. */
  public static final String ERROR = "error";
  /** Status acknowledging a cancellation. */
  public static final String CANCELLED = "cancelled";

  /** Checks the ids; unlike views, keeps a JSON-null result because "completed" needs one. */
  public CompletionResult {
    requireNonNull(leaseId, "leaseId is null");
    requireNonNull(status, "status is null");
    result = Normalize.optional(result);
    error = Normalize.optional(error);
    retryable = Normalize.optional(retryable);
  }

  /**
   * Reports success.
   *
   * @param leaseId the lease
   * @param result the result; {@code null} means JSON null
   * @return the report
   */
  public static CompletionResult completed(String leaseId, JsonNode result) {
    JsonNode value = result == null ? NullNode.getInstance() : result;
    return new CompletionResult(
        leaseId, COMPLETED, Optional.of(value), Optional.empty(), Optional.empty());
  }

  /**
   * Reports a failure.
   *
   * @param leaseId the lease
   * @param error what went wrong
   * @param retryable false to end the invocation without further attempts
   * @return the report
   */
  public static CompletionResult error(String leaseId, InvocationError error, boolean retryable) {
    // Only "retryable: false" carries information; leave the field out otherwise.
    Optional<Boolean> flag = retryable ? Optional.empty() : Optional.of(false);
    return new CompletionResult(leaseId, ERROR, Optional.empty(), Optional.of(error), flag);
  }

  /**
   * Acknowledges a cancellation.
   *
   * @param leaseId the lease
   * @return the report
   */
  public static CompletionResult cancelled(String leaseId) {
    return new CompletionResult(
        leaseId, CANCELLED, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
