package dev.agentdispatch.sdk.client;

import java.util.Optional;

/**
 * Options of a publish; all optional.
 *
 * @param senderId who publishes (handlers send their agent's name)
 * @param traceId the trace to join; a new one otherwise
 * @param parentId the invocation that emits the event
 * @param idempotencyKey makes a retried publish return the first result
 */
public record PublishOptions(
    Optional<String> senderId,
    Optional<String> traceId,
    Optional<String> parentId,
    Optional<String> idempotencyKey) {
  /** No options. */
  public static final PublishOptions NONE =
      new PublishOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * The same options with an idempotency key.
   *
   * @param key the key
   * @return new options
   */
  public PublishOptions withIdempotencyKey(String key) {
    return new PublishOptions(senderId, traceId, parentId, Optional.of(key));
  }
}
