package dev.agentdispatch.core.invocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable part of an invocation: what was asked for. Never changes after creation.
 *
 * @param payloadJson the input, kept as the JSON text it arrived as (stored and forwarded unparsed)
 * @param requestHash fingerprint of the request, to tell a repeated idempotent request from a different one
 */
public record InvocationSpec(
    String id,
    String namespace,
    String agent,
    String function,
    String payloadJson,
    int priority,
    RetryPolicy retry,
    Duration timeout,
    Optional<Duration> attemptTimeout,
    Optional<String> idempotencyKey,
    Optional<String> requestHash,
    String traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    Optional<String> concurrencyKey,
    Message message,
    Instant createdAt) {

  public static final int MIN_PRIORITY = 0;
  public static final int MAX_PRIORITY = 9;
  public static final int DEFAULT_PRIORITY = 5;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3600);
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(86_400);

  public InvocationSpec {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(payloadJson, "payloadJson is null");
    Objects.requireNonNull(retry, "retry is null");
    Objects.requireNonNull(timeout, "timeout is null");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout is null");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
    Objects.requireNonNull(requestHash, "requestHash is null");
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(parentId, "parentId is null");
    Objects.requireNonNull(sessionId, "sessionId is null");
    Objects.requireNonNull(concurrencyKey, "concurrencyKey is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException("priority must be between 0 and 9, got " + priority);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("timeout must be between 1 s and 86400 s, got " + timeout);
    }
  }
}
