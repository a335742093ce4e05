package dev.agentdispatch.server.invocations;

import dev.agentdispatch.server.api.RetryBody;
import tools.jackson.databind.JsonNode;

/** Wire form of {@code POST /invocations} (DESIGN §5). */
public record InvocationBody(
    String agent,
    String function,
    JsonNode payload,
    String idempotencyKey,
    Integer timeoutSeconds,
    Integer attemptTimeoutSeconds,
    RetryBody retry,
    Integer priority,
    String concurrencyKey,
    Integer delaySeconds,
    String traceId,
    String parentId,
    String sessionId) {}
