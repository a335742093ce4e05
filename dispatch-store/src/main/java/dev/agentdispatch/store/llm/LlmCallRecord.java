package dev.agentdispatch.store.llm;

import dev.agentdispatch.core.llm.TokenUsage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded model call, proxied by the gateway or reported by an agent.
 *
 * @param id a UUIDv7, so ids sort by the time the call was recorded
 * @param agent the agent it is charged to, if it was attributed to one
 * @param endpoint the provider API path the gateway called; empty for a reported call
 * @param costMicros what it cost, in micro-dollars, at the price in force when it was recorded
 * @param ok whether it succeeded (stored as status {@code ok} or {@code error})
 */
public record LlmCallRecord(
    String id,
    String namespace,
    Optional<String> agent,
    String model,
    String provider,
    Optional<String> variant,
    Optional<String> endpoint,
    TokenUsage usage,
    long costMicros,
    long latencyMs,
    Optional<Long> ttftMs,
    Optional<String> finishReason,
    boolean ok,
    Optional<String> error,
    Optional<String> invocationId,
    Optional<String> traceId,
    Optional<String> sessionId,
    Instant startedAt) {

  public LlmCallRecord {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(variant, "variant is null");
    Objects.requireNonNull(endpoint, "endpoint is null");
    Objects.requireNonNull(usage, "usage is null");
    Objects.requireNonNull(ttftMs, "ttftMs is null");
    Objects.requireNonNull(finishReason, "finishReason is null");
    Objects.requireNonNull(error, "error is null");
    Objects.requireNonNull(invocationId, "invocationId is null");
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(sessionId, "sessionId is null");
    Objects.requireNonNull(startedAt, "startedAt is null");
    if (costMicros < 0 || latencyMs < 0 || ttftMs.orElse(0L) < 0) {
      throw new IllegalArgumentException("cost, latency and ttft must not be negative");
    }
  }

  /** {@code ok} or {@code error}, as stored and shown. */
  public String status() {
    return ok ? "ok" : "error";
  }
}
