package dev.agentdispatch.server.doors.v1.events;

import tools.jackson.databind.JsonNode;

/** Wire form of {@code POST /events}. */
public record EventBody(
    String topic,
    JsonNode payload,
    String senderId,
    String traceId,
    String parentId,
    String idempotencyKey) {}
