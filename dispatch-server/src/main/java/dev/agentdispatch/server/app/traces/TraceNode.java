package dev.agentdispatch.server.app.traces;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of a trace tree: an invocation, an event or an LLM call, with its children in the order
 * they began.
 *
 * @param kind {@code invocation}, {@code event} or {@code llm_call}
 * @param status an LLM call's is {@code ok} or {@code error}
 * @param llmCalls on an invocation: how many LLM calls it made (absent when none)
 * @param tokens on an invocation: the tokens of its own LLM calls; on a call: its tokens
 * @param costUsd the same, in US dollars to six decimals
 * @param llm on an LLM call: what was called and how it went
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceNode(
    String kind,
    String id,
    String parentId,
    String agent,
    String function,
    String topic,
    String status,
    Integer attempts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    List<TraceNode> children,
    Integer llmCalls,
    Long tokens,
    BigDecimal costUsd,
    LlmCall llm) {

  /** An LLM call's details: the model and provider, its tokens of each class, its timing. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LlmCall(
      String model,
      String provider,
      String variantName,
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheWriteTokens,
      long latencyMs,
      Long ttftMs,
      String finishReason,
      String error) {}

  TraceNode withChildren(List<TraceNode> kids) {
    return new TraceNode(
        kind,
        id,
        parentId,
        agent,
        function,
        topic,
        status,
        attempts,
        createdAt,
        startedAt,
        finishedAt,
        durationMs,
        new ArrayList<>(kids),
        llmCalls,
        tokens,
        costUsd,
        llm);
  }

  /** This invocation node with the roll-up of its own LLM calls. */
  TraceNode withLlmUsage(int calls, long callTokens, BigDecimal cost) {
    return new TraceNode(
        kind,
        id,
        parentId,
        agent,
        function,
        topic,
        status,
        attempts,
        createdAt,
        startedAt,
        finishedAt,
        durationMs,
        children,
        calls,
        callTokens,
        cost,
        llm);
  }
}
