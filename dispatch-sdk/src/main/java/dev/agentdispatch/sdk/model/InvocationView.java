package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.json.Normalize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The server's view of one invocation.
 *
 * @param invocationId the id
 * @param namespace the namespace it lives in
 * @param agent the agent
 * @param function the function
 * @param status the current status
 * @param payload the input payload
 * @param result the result, once completed with one
 * @param error the last error, when failed
 * @param attempt the current attempt number (0 before the first lease)
 * @param maxAttempts the attempts allowed
 * @param attempts every attempt so far
 * @param traceId the trace
 * @param parentId the invocation that created this one, if any
 * @param sessionId the session, for runs
 * @param priority 0..9, higher first
 * @param message how it reached the function
 * @param cancelRequested whether a cancel waits for the worker's acknowledgement
 * @param deadLettered whether it is on the dead-letter list
 * @param createdAt when it was created
 * @param startedAt when the first attempt started
 * @param finishedAt when it reached a terminal status
 * @param availableAt when it may next be leased
 * @param deadline when it times out overall
 * @param concurrencyKey the key it was created with, grouping it with others of one tenant or
 *     conversation
 * @param keyConcurrency the per-key limit fixed on it at creation (its function's {@code
 *     keyConcurrency} then), when it has a key and the function a limit
 * @param lane the lane it runs in (see {@link LaneSpec}); empty for the default lane
 * @param blockedBy why flow control holds it back now, when it is pending, due and held back (read
 *     by {@code GET} of one invocation; lists leave it empty)
 */
public record InvocationView(
    String invocationId,
    String namespace,
    String agent,
    String function,
    InvocationStatus status,
    JsonNode payload,
    Optional<JsonNode> result,
    Optional<InvocationError> error,
    int attempt,
    int maxAttempts,
    List<AttemptView> attempts,
    String traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    int priority,
    Optional<MessageInfo> message,
    boolean cancelRequested,
    boolean deadLettered,
    Optional<Instant> createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<Instant> availableAt,
    Optional<Instant> deadline,
    Optional<String> concurrencyKey,
    Optional<Integer> keyConcurrency,
    Optional<String> lane,
    Optional<BlockedBy> blockedBy) {

  /** Checks the id and normalises absent fields. */
  public InvocationView {
    requireNonNull(invocationId, "invocationId is null");
    status = status == null ? InvocationStatus.UNKNOWN : status;
    payload = payload == null ? NullNode.getInstance() : payload;
    result = Normalize.json(result);
    error = Normalize.optional(error);
    attempts = Normalize.list(attempts);
    parentId = Normalize.optional(parentId);
    sessionId = Normalize.optional(sessionId);
    message = Normalize.optional(message);
    createdAt = Normalize.optional(createdAt);
    startedAt = Normalize.optional(startedAt);
    finishedAt = Normalize.optional(finishedAt);
    availableAt = Normalize.optional(availableAt);
    deadline = Normalize.optional(deadline);
    concurrencyKey = Normalize.optional(concurrencyKey);
    keyConcurrency = Normalize.optional(keyConcurrency);
    lane = Normalize.optional(lane).filter(l -> !l.isEmpty());
    blockedBy = Normalize.optional(blockedBy);
  }

  /**
   * Reads the result into a user type.
   *
   * @param type the result type, e.g. a record
   * @param <T> the result type
   * @return the result, or empty when there is none
   */
  public <T> Optional<T> resultAs(Class<T> type) {
    return result.map(node -> Json.fromTree(node, type));
  }

  /**
   * Names the function as {@code agent.function}, for messages.
   *
   * @return the qualified name
   */
  public String qualifiedFunction() {
    return agent + "." + function;
  }
}
