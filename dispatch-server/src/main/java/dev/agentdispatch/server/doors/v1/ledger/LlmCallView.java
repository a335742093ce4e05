package dev.agentdispatch.server.doors.v1.ledger;

import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.store.llm.LlmCallRecord;
import java.math.BigDecimal;
import java.time.Instant;

/** A recorded model call as {@code GET …/llm/calls} shows it. */
public record LlmCallView(
    String llmCallId,
    String agent,
    String model,
    String provider,
    String variantName,
    String endpoint,
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    BigDecimal costUsd,
    long latencyMs,
    Long ttftMs,
    String finishReason,
    String status,
    String error,
    String invocationId,
    String traceId,
    String sessionId,
    Instant startedAt) {

  static LlmCallView of(LlmCallRecord c) {
    return new LlmCallView(
        c.id(),
        c.agent().orElse(null),
        c.model(),
        c.provider(),
        c.variant().orElse(null),
        c.endpoint().orElse(null),
        c.usage().input(),
        c.usage().output(),
        c.usage().cacheRead(),
        c.usage().cacheWrite(),
        Usd.of(c.costMicros()),
        c.latencyMs(),
        c.ttftMs().orElse(null),
        c.finishReason().orElse(null),
        c.status(),
        c.error().orElse(null),
        c.invocationId().orElse(null),
        c.traceId().orElse(null),
        c.sessionId().orElse(null),
        c.startedAt());
  }

  /** The answer to a report: {@code {llm_call_id, cost_usd}}. */
  public record Recorded(String llmCallId, BigDecimal costUsd) {}
}
