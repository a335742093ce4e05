package dev.agentdispatch.server.doors.dispatchagents;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.server.app.traces.TraceService;
import dev.agentdispatch.store.event.EventRecord;
import dev.agentdispatch.store.llm.LlmCallRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET events/trace/{trace_id}} in the reference router's shape: every event and invocation
 * of the trace as a node ({@code message_type} {@code topic} or {@code function}), ordered by when
 * it took effect, children under their {@code parent_id}. An unknown trace is empty, not an error.
 */
final class TraceTree {
  private final TraceService traces;

  TraceTree(TraceService traces) {
    this.traces = traces;
  }

  /**
   * The whole answer: {@code {trace_id, total_events, events: [tree], llm_summary?}}, the summary
   * only when the trace made LLM calls (as the reference answers).
   */
  Map<String, Object> get(String ns, String traceId) {
    TraceService.Records records = traces.records(ns, traceId);
    List<Map<String, Object>> nodes = new ArrayList<>();
    records.events().forEach(e -> nodes.add(node(e)));
    records.invocations().forEach(i -> nodes.add(node(i)));
    records.llmCalls().forEach(c -> nodes.add(node(traceId, c)));
    nodes.sort(Comparator.comparing(n -> (String) n.get("effective_timestamp")));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("trace_id", traceId);
    answer.put("total_events", nodes.size());
    answer.put("events", tree(nodes));
    if (!records.llmCalls().isEmpty()) {
      answer.put("llm_summary", llmSummary(records.llmCalls()));
    }
    return answer;
  }

  /** An LLM call as the reference shows it: a node under the invocation that made it. */
  private static Map<String, Object> node(String traceId, LlmCallRecord c) {
    Map<String, Object> n = new LinkedHashMap<>();
    String at = c.startedAt().toString();
    n.put("uid", c.id());
    n.put("message_type", "llm_call");
    n.put("trace_id", traceId);
    n.put("parent_id", c.invocationId().orElse(null));
    n.put("timestamp", at);
    n.put("ts", at);
    n.put("effective_timestamp", at);
    n.put("model", c.model());
    n.put("provider", c.provider());
    n.put("finish_reason", c.finishReason().orElse(null));
    n.put("input_tokens", inputTokens(c));
    n.put("output_tokens", c.usage().output());
    n.put("cost_usd", Usd.of(c.costMicros()));
    n.put("latency_ms", c.latencyMs());
    return n;
  }

  private static Map<String, Object> llmSummary(List<LlmCallRecord> calls) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("total_llm_calls", calls.size());
    s.put("total_input_tokens", calls.stream().mapToLong(TraceTree::inputTokens).sum());
    s.put("total_output_tokens", calls.stream().mapToLong(c -> c.usage().output()).sum());
    s.put("total_cost_usd", Usd.of(calls.stream().mapToLong(LlmCallRecord::costMicros).sum()));
    s.put("models_used", new TreeSet<>(calls.stream().map(LlmCallRecord::model).toList()));
    return s;
  }

  /** Prompt tokens as providers count them: cached ones included. */
  private static long inputTokens(LlmCallRecord c) {
    return c.usage().input() + c.usage().cacheRead() + c.usage().cacheWrite();
  }

  private static Map<String, Object> node(EventRecord e) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("uid", e.id());
    n.put("message_type", "topic");
    n.put("topic", e.topic());
    n.put("payload", Json.tree(e.payloadJson()));
    n.put("trace_id", e.traceId());
    n.put("sender_id", e.senderId().orElse(null));
    n.put("parent_id", e.parentId().orElse(null));
    n.put("ts", e.createdAt().toString());
    n.put("timestamp", e.createdAt().toString());
    n.put("effective_timestamp", e.createdAt().toString());
    return n;
  }

  private static Map<String, Object> node(Invocation i) {
    Views.InvocationStatus status = Views.InvocationStatus.of(i);
    Instant updated =
        i.state().finishedAt().or(() -> i.state().startedAt()).orElse(i.spec().createdAt());
    boolean ended = i.status().terminal();
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("uid", i.id());
    n.put("message_type", "function");
    n.put("function_name", i.spec().function());
    n.put("payload", Json.tree(i.spec().payloadJson()));
    n.put("trace_id", i.spec().traceId());
    n.put("parent_id", i.spec().parentId().orElse(null));
    n.put("sender_id", i.spec().message().senderId().orElse("local-router"));
    n.put("ts", i.spec().createdAt().toString());
    n.put("timestamp", i.spec().createdAt().toString());
    n.put("effective_timestamp", (ended ? updated : i.spec().createdAt()).toString());
    n.put("invocation_id", i.id());
    n.put("invocation_status", status.status());
    n.put("invocation_created_at", i.spec().createdAt().toString());
    n.put("invocation_updated_at", updated.toString());
    n.put("target_agent", i.spec().agent());
    n.put("sender_agent", i.spec().message().senderId().orElse("local-router"));
    if (status.result() != null) {
      JsonNode result = Json.tree(status.result());
      n.put("invocation_result", result);
    }
    if (status.error() != null) {
      n.put("invocation_error", status.error());
    }
    return n;
  }

  /** Nests each node under its parent when the parent is in the trace; the rest are roots. */
  private static List<Map<String, Object>> tree(List<Map<String, Object>> nodes) {
    Map<Object, List<Map<String, Object>>> children = new LinkedHashMap<>();
    for (Map<String, Object> n : nodes) {
      List<Map<String, Object>> own = new ArrayList<>();
      children.put(n.get("uid"), own);
      n.put("children", own);
    }
    List<Map<String, Object>> roots = new ArrayList<>();
    for (Map<String, Object> n : nodes) {
      Object parent = n.get("parent_id");
      if (parent != null && !parent.equals(n.get("uid")) && children.containsKey(parent)) {
        children.get(parent).add(n);
      } else {
        roots.add(n);
      }
    }
    roots.forEach(r -> capDepth(r, 0));
    return roots;
  }

  /**
   * Below {@link TraceService#MAX_DEPTH} levels, a node's descendants are listed flat under it
   * (each keeps its {@code parent_id}), as the native trace does.
   */
  @SuppressWarnings("unchecked")
  private static void capDepth(Map<String, Object> node, int depth) {
    List<Map<String, Object>> kids = (List<Map<String, Object>>) node.get("children");
    if (depth + 1 < TraceService.MAX_DEPTH) {
      kids.forEach(k -> capDepth(k, depth + 1));
      return;
    }
    List<Map<String, Object>> flat = new ArrayList<>();
    Deque<Map<String, Object>> todo = new ArrayDeque<>(kids);
    while (!todo.isEmpty()) {
      Map<String, Object> k = todo.poll();
      todo.addAll((List<Map<String, Object>>) k.get("children"));
      k.put("children", new ArrayList<>());
      flat.add(k);
    }
    flat.sort(Comparator.comparing(n -> (String) n.get("effective_timestamp")));
    node.put("children", flat);
  }
}
