package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * One attempt handed to a worker: the exclusive, time-bound right to run it.
 *
 * @param leaseId the fencing token every later call about this attempt must carry
 * @param invocationId the invocation
 * @param agent the agent
 * @param function the function to run
 * @param payload the input
 * @param attempt the attempt number, from 1
 * @param maxAttempts the attempts allowed
 * @param traceId the trace
 * @param parentId the parent invocation, if any
 * @param sessionId the session, for runs
 * @param message how the invocation reached the function
 * @param leaseExpiresAt when the lease ends unless renewed
 * @param deadline when the invocation times out overall
 * @param traceparent the W3C trace context of the attempt's span on the server: the worker's span
 *     for the run is its child
 */
public record Lease(
    String leaseId,
    String invocationId,
    String agent,
    String function,
    JsonNode payload,
    int attempt,
    int maxAttempts,
    String traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    Optional<MessageInfo> message,
    Optional<Instant> leaseExpiresAt,
    Optional<Instant> deadline,
    Optional<String> traceparent) {
  /** Checks the ids and normalises absent fields. */
  public Lease {
    requireNonNull(leaseId, "leaseId is null");
    requireNonNull(invocationId, "invocationId is null");
    requireNonNull(function, "function is null");
    traceId = traceId == null ? invocationId : traceId;
    payload = payload == null ? NullNode.getInstance() : payload;
    parentId = Normalize.optional(parentId);
    sessionId = Normalize.optional(sessionId);
    message = Normalize.optional(message);
    leaseExpiresAt = Normalize.optional(leaseExpiresAt);
    deadline = Normalize.optional(deadline);
    traceparent = Normalize.optional(traceparent);
  }

  /**
   * A lease without a trace context (from a server that sends none).
   *
   * @param leaseId the fencing token
   * @param invocationId the invocation
   * @param agent the agent
   * @param function the function to run
   * @param payload the input
   * @param attempt the attempt number, from 1
   * @param maxAttempts the attempts allowed
   * @param traceId the trace
   * @param parentId the parent invocation, if any
   * @param sessionId the session, for runs
   * @param message how the invocation reached the function
   * @param leaseExpiresAt when the lease ends unless renewed
   * @param deadline when the invocation times out overall
   */
  public Lease(
      String leaseId,
      String invocationId,
      String agent,
      String function,
      JsonNode payload,
      int attempt,
      int maxAttempts,
      String traceId,
      Optional<String> parentId,
      Optional<String> sessionId,
      Optional<MessageInfo> message,
      Optional<Instant> leaseExpiresAt,
      Optional<Instant> deadline) {
    this(
        leaseId,
        invocationId,
        agent,
        function,
        payload,
        attempt,
        maxAttempts,
        traceId,
        parentId,
        sessionId,
        message,
        leaseExpiresAt,
        deadline,
        Optional.empty());
  }
}
