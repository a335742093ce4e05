package dev.agentdispatch.server.app.traces;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole trace: the roots of its tree and the totals. {@code tokens} and {@code cost_usd} add up
 * the trace's LLM calls (every token class; dollars to six decimals).
 */
public record TraceView(String traceId, List<TraceNode> roots, Totals totals) {
  public record Totals(
      int invocations,
      int events,
      int attempts,
      Map<String, Integer> statuses,
      Instant startedAt,
      Instant finishedAt,
      Long durationMs,
      long tokens,
      BigDecimal costUsd,
      int llmCalls) {}
}
