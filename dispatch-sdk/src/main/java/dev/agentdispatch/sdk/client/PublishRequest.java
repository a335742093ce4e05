package dev.agentdispatch.sdk.client;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Wire form of {@code POST /events}. */
record PublishRequest(
    String topic,
    JsonNode payload,
    Optional<String> senderId,
    Optional<String> traceId,
    Optional<String> parentId,
    Optional<String> idempotencyKey) {
  static PublishRequest of(String topic, JsonNode payload, PublishOptions o) {
    return new PublishRequest(
        topic, payload, o.senderId(), o.traceId(), o.parentId(), o.idempotencyKey());
  }
}
