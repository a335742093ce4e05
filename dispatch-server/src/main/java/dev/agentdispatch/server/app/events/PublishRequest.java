package dev.agentdispatch.server.app.events;

import dev.agentdispatch.core.topic.Topics;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A request to publish an event on a topic (DESIGN §1), checked as it is made. */
public record PublishRequest(
    String topic,
    JsonNode payload,
    Optional<String> senderId,
    Optional<String> traceId,
    Optional<String> parentId,
    Optional<String> idempotencyKey) {

  public PublishRequest {
    try {
      Topics.requireTopic(Check.required(topic, "topic"));
    } catch (IllegalArgumentException e) {
      throw new ServiceException.Invalid(e.getMessage());
    }
    Objects.requireNonNull(payload, "payload is null");
    senderId.ifPresent(v -> Check.optionalId(v, "sender_id"));
    traceId.ifPresent(v -> Check.optionalId(v, "trace_id"));
    parentId.ifPresent(v -> Check.optionalId(v, "parent_id"));
    idempotencyKey.ifPresent(v -> Check.optionalId(v, "idempotency_key"));
  }

  /** From wire values, any optional one null; an absent payload is an empty object. */
  public static PublishRequest of(
      String topic,
      JsonNode payload,
      String senderId,
      String traceId,
      String parentId,
      String idempotencyKey) {
    return new PublishRequest(
        topic,
        payload == null ? JsonNodeFactory.instance.objectNode() : payload,
        Check.optionalId(senderId, "sender_id"),
        Check.optionalId(traceId, "trace_id"),
        Check.optionalId(parentId, "parent_id"),
        Check.optionalId(idempotencyKey, "idempotency_key"));
  }
}
