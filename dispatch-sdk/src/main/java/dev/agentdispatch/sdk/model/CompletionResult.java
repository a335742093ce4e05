package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
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
 * @param prompt what a run waiting for input waits for
 * @param consumedInputs the steered inputs the run took, by id
 */
public record CompletionResult(
    String leaseId,
    String status,
    Optional<JsonNode> result,
    Optional<InvocationError> error,
    Optional<Boolean> retryable,
    Optional<JsonNode> prompt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> consumedInputs) {

  /** Status of a successful attempt. */
  public static final String COMPLETED = "completed";

  /** Status of a failed attempt. */
  public static final String ERROR = "error";

  /** Status acknowledging a cancellation. */
  public static final String CANCELLED = "cancelled";

  /** Status of a session run pausing until the session's next input. */
  public static final String WAITING_FOR_INPUT = "waiting_for_input";

  /** Checks the ids; unlike views, keeps a JSON-null result because "completed" needs one. */
  public CompletionResult {
    requireNonNull(leaseId, "leaseId is null");
    requireNonNull(status, "status is null");
    result = Normalize.optional(result);
    error = Normalize.optional(error);
    retryable = Normalize.optional(retryable);
    prompt = Normalize.optional(prompt);
    consumedInputs = consumedInputs == null ? List.of() : List.copyOf(consumedInputs);
  }

  /**
   * A report without a prompt or consumed inputs.
   *
   * @param leaseId the lease
   * @param status the status
   * @param result the result
   * @param error the error
   * @param retryable the retry flag
   */
  public CompletionResult(
      String leaseId,
      String status,
      Optional<JsonNode> result,
      Optional<InvocationError> error,
      Optional<Boolean> retryable) {
    this(leaseId, status, result, error, retryable, Optional.empty(), List.of());
  }

  /**
   * Reports that a session run waits for input; it holds no worker slot until the input arrives.
   *
   * @param leaseId the lease
   * @param prompt what the run waits for (shown to whoever answers)
   * @return the report
   */
  public static CompletionResult waitingForInput(String leaseId, JsonNode prompt) {
    return new CompletionResult(
        leaseId,
        WAITING_FOR_INPUT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(prompt == null ? NullNode.getInstance() : prompt),
        List.of());
  }

  /**
   * Returns this report listing the steered inputs the run took.
   *
   * @param inputIds the ids of the inputs taken
   * @return a copy with {@code consumed_inputs}
   */
  public CompletionResult withConsumedInputs(List<String> inputIds) {
    return new CompletionResult(leaseId, status, result, error, retryable, prompt, inputIds);
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
