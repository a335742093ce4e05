package dev.agentdispatch.server.doors.v1.invocations;

import dev.agentdispatch.server.app.invocations.InvocationRequest;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.v1.wire.RetryBody;
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
    String sessionId,
    String lane,
    String debounceKey) {

  /** The request this body asks for; a JSON {@code null} in a batch is refused. */
  static InvocationRequest request(InvocationBody b) {
    if (b == null) {
      throw ApiException.badRequest("an invocation must be a JSON object");
    }
    return InvocationRequest.builder(b.agent(), b.function())
        .payload(b.payload())
        .idempotencyKey(b.idempotencyKey())
        .timeoutSeconds(b.timeoutSeconds())
        .attemptTimeoutSeconds(b.attemptTimeoutSeconds())
        .retry(b.retry() == null ? null : b.retry().override())
        .priority(b.priority())
        .concurrencyKey(b.concurrencyKey())
        .delaySeconds(b.delaySeconds())
        .traceId(b.traceId())
        .parentId(b.parentId())
        .sessionId(b.sessionId())
        .lane(b.lane())
        .debounceKey(b.debounceKey())
        .build();
  }
}
