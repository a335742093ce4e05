package dev.agentdispatch.store.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A published event and the invocations it fanned out into.
 *
 * @param id the event's uid (UUIDv7)
 * @param payloadJson the payload as the JSON text it arrived as
 * @param parentId the invocation that emitted it, when a handler did
 */
public record EventRecord(
    String id,
    String namespace,
    String topic,
    String payloadJson,
    Optional<String> senderId,
    String traceId,
    Optional<String> parentId,
    Optional<String> idempotencyKey,
    Optional<String> requestHash,
    List<String> invocationIds,
    Instant createdAt) {
  public EventRecord {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(topic, "topic is null");
    Objects.requireNonNull(payloadJson, "payloadJson is null");
    Objects.requireNonNull(senderId, "senderId is null");
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(parentId, "parentId is null");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
    Objects.requireNonNull(requestHash, "requestHash is null");
    invocationIds = List.copyOf(invocationIds);
    Objects.requireNonNull(createdAt, "createdAt is null");
  }
}
