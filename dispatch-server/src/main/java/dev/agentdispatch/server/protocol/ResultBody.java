package dev.agentdispatch.server.protocol;

import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.server.app.workers.WorkerRequests;
import dev.agentdispatch.store.invocation.Completion;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How one attempt ended, as a worker reports it in {@code complete} and an HTTP push agent answers
 * a push. {@code status} is {@code completed}, {@code error}, {@code cancelled} or {@code
 * waiting_for_input} (a session run pausing, with {@code prompt}: what it waits for). {@code
 * consumed_inputs} lists the steered inputs the run took (their ids), recorded with the result.
 */
public record ResultBody(
    String leaseId,
    String status,
    JsonNode result,
    ErrorBody error,
    Boolean retryable,
    JsonNode prompt,
    List<String> consumedInputs) {

  /**
   * The report this result makes; {@code where} names it in errors (e.g. {@code results[2]}).
   *
   * @throws dev.agentdispatch.server.app.ServiceException.Invalid naming what is wrong
   */
  public Completion completion(String where) {
    Optional<ErrorInfo> failure =
        Optional.ofNullable(error)
            .filter(e -> e.error() != null)
            .map(e ->
                new ErrorInfo(
                    e.error(),
                    Optional.ofNullable(e.errorType()).orElse("Error"),
                    Optional.ofNullable(e.trace()),
                    Optional.ofNullable(e.details())
                        .filter(d -> !d.isNull())
                        .map(JsonNode::toString)));
    return WorkerRequests.result(
        where,
        leaseId,
        status,
        result == null ? null : result.toString(),
        failure,
        retryable,
        prompt == null ? null : prompt.toString(),
        Optional.ofNullable(consumedInputs).orElse(List.of()));
  }

  /** The same result for {@code lease}: a push agent need not echo the lease it was sent. */
  public ResultBody forLease(String lease) {
    return new ResultBody(lease, status, result, error, retryable, prompt, consumedInputs);
  }
}
