package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

/**
 * Answer to creating an invocation.
 *
 * @param invocationId the new (or, when deduplicated, the existing) invocation's id
 * @param traceId the trace it belongs to
 * @param status its status at creation, usually pending
 * @param deduplicated true when an earlier request with the same idempotency key created it
 */
public record InvocationCreated(
    String invocationId, String traceId, InvocationStatus status, boolean deduplicated) {
  /** Checks the required fields. */
  public InvocationCreated {
    requireNonNull(invocationId, "invocationId is null");
    requireNonNull(traceId, "traceId is null");
    status = status == null ? InvocationStatus.UNKNOWN : status;
  }
}
