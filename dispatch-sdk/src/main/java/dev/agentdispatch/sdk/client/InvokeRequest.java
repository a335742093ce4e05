package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.model.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /invocations}. */
record InvokeRequest(
    String agent,
    String function,
    JsonNode payload,
    Optional<String> idempotencyKey,
    Optional<Long> timeoutSeconds,
    Optional<Long> attemptTimeoutSeconds,
    Optional<RetryPolicy> retry,
    Optional<Integer> priority,
    Optional<String> concurrencyKey,
    Optional<Long> delaySeconds,
    Optional<String> traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    Optional<String> lane,
    Optional<String> debounceKey) {

  static InvokeRequest of(String agent, String function, JsonNode payload, InvokeOptions o) {
    return new InvokeRequest(
        agent,
        function,
        payload,
        o.idempotencyKey(),
        o.timeout().map(InvokeRequest::ceilSeconds),
        o.attemptTimeout().map(InvokeRequest::ceilSeconds),
        o.retry(),
        o.priority(),
        o.concurrencyKey(),
        o.delay().map(InvokeRequest::ceilSeconds),
        o.traceId(),
        o.parentId(),
        o.sessionId(),
        o.lane(),
        o.debounceKey());
  }

  /** Rounds up, so a 1.5 s timeout never becomes a shorter one. */
  static long ceilSeconds(Duration d) {
    long seconds = d.getSeconds();
    return d.getNano() > 0 ? seconds + 1 : seconds;
  }
}
