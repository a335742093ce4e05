package dev.agentdispatch.server.app.traces;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.server.tracing.TraceIds;
import dev.agentdispatch.store.event.EventRecord;
import dev.agentdispatch.store.event.EventStore;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.llm.LlmCallRecord;
import dev.agentdispatch.store.llm.LlmCallStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assembles a trace from its invocations and events, linked by {@code parent_id}: an invocation's
 * parent is the invocation that made it or the event that fanned out into it; an event's parent is
 * the invocation that emitted it; an LLM call's parent is the invocation it was made for. Nodes
 * whose parent is not in the trace are roots. Each invocation shows the tokens and cost of its own
 * LLM calls, and the totals add up every call of the trace: those recorded with its trace id and
 * those of its invocations (a reported call may name only the invocation).
 */
public final class TraceService {
  /**
   * Deepest level of the trace tree shown nested; below it descendants are listed flat (see {@link
   * #flatDescendants}).
   */
  public static final int MAX_DEPTH = 64;

  private static final Comparator<TraceNode> ORDER =
      Comparator.comparing(TraceNode::createdAt).thenComparing(TraceNode::id);

  /** A trace larger than this is cut (and says so in its totals' counts). */
  public static final int MAX_NODES = 5_000;

  private final InvocationStore invocations;
  private final EventStore events;
  private final LlmCallStore llmCalls;

  public TraceService(InvocationStore invocations, EventStore events, LlmCallStore llmCalls) {
    this.invocations = invocations;
    this.events = events;
    this.llmCalls = llmCalls;
  }

  /**
   * Everything recorded under one trace, oldest first: for doors that draw a trace in their own
   * shape. Empty lists for an unknown trace.
   *
   * @param invocations at most {@link #MAX_NODES}
   * @param events at most {@link #MAX_NODES}
   */
  public record Records(
      List<Invocation> invocations, List<EventRecord> events, List<LlmCallRecord> llmCalls) {
    public Records {
      invocations = List.copyOf(invocations);
      events = List.copyOf(events);
      llmCalls = List.copyOf(llmCalls);
    }
  }

  /**
   * Everything a trace holds: its invocations, events and LLM calls (those made under one of its
   * invocations or carrying its trace id). An OpenTelemetry trace id (32 hex digits) finds the
   * Dispatch trace it maps to, unless a trace is stored under that very id.
   */
  public Records records(String namespace, String traceId) {
    Records named = stored(namespace, traceId);
    boolean empty =
        named.invocations().isEmpty() && named.events().isEmpty() && named.llmCalls().isEmpty();
    return empty && TraceIds.isTraceId(traceId)
        ? stored(namespace, TraceIds.dispatchTraceId(traceId))
        : named;
  }

  private Records stored(String namespace, String traceId) {
    List<Invocation> invs = invocations.byTrace(namespace, traceId, MAX_NODES);
    return new Records(
        invs,
        events.byTrace(namespace, traceId, MAX_NODES),
        llmCalls.forTrace(
            namespace, traceId, invs.stream().map(Invocation::id).toList(), MAX_NODES));
  }

  public TraceView get(String namespace, String traceId) {
    Records r = records(namespace, traceId);
    List<Invocation> invs = r.invocations();
    List<EventRecord> evs = r.events();
    List<LlmCallRecord> calls = r.llmCalls();
    if (invs.isEmpty() && evs.isEmpty() && calls.isEmpty()) {
      throw new ServiceException.NotFound(
          "trace '" + traceId + "' not found in namespace '" + namespace + "'");
    }
    Map<String, TraceNode> nodes = new LinkedHashMap<>();
    invs.forEach(i -> nodes.put(i.id(), node(i)));
    evs.forEach(e -> nodes.put(e.id(), node(e)));
    rollUp(nodes, calls);
    calls.forEach(c -> nodes.put(c.id(), node(c)));
    String id = invs.isEmpty() ? traceId : invs.getFirst().spec().traceId();
    return new TraceView(id, tree(nodes), totals(invs, evs, calls));
  }

  /** Puts on each invocation node the count, tokens and cost of its own LLM calls. */
  private static void rollUp(Map<String, TraceNode> nodes, List<LlmCallRecord> calls) {
    Map<String, List<LlmCallRecord>> byInvocation = new LinkedHashMap<>();
    for (LlmCallRecord c : calls) {
      c.invocationId()
          .filter(nodes::containsKey)
          .ifPresent(id -> byInvocation.computeIfAbsent(id, k -> new ArrayList<>()).add(c));
    }
    byInvocation.forEach((id, own) ->
        nodes.put(id, nodes.get(id).withLlmUsage(own.size(), tokens(own), Usd.of(cost(own)))));
  }

  private static long tokens(List<LlmCallRecord> calls) {
    return calls.stream().mapToLong(c -> c.usage().total()).sum();
  }

  private static long cost(List<LlmCallRecord> calls) {
    return calls.stream().mapToLong(LlmCallRecord::costMicros).sum();
  }

  private static List<TraceNode> tree(Map<String, TraceNode> nodes) {
    Map<String, List<TraceNode>> children = new LinkedHashMap<>();
    List<TraceNode> roots = new ArrayList<>();
    for (TraceNode n : nodes.values()) {
      if (n.parentId() != null && nodes.containsKey(n.parentId()) && !n.parentId().equals(n.id())) {
        children.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
      } else {
        roots.add(n);
      }
    }
    return attach(roots, children, 0);
  }

  private static List<TraceNode> attach(
      List<TraceNode> level, Map<String, List<TraceNode>> children, int depth) {
    return level.stream()
        .sorted(ORDER)
        .map(n ->
            n.withChildren(
                depth + 1 < MAX_DEPTH
                    ? attach(children.getOrDefault(n.id(), List.of()), children, depth + 1)
                    : flatDescendants(n, children)))
        .toList();
  }

  /**
   * Every descendant of {@code n}, flat and in order, each keeping its {@code parent_id}: how a
   * tree deeper than {@link #MAX_DEPTH} is shown, so that a long chain of calls can neither
   * overflow a JSON writer nor hide its tail.
   */
  private static List<TraceNode> flatDescendants(
      TraceNode n, Map<String, List<TraceNode>> children) {
    List<TraceNode> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(n.id()));
    Deque<TraceNode> todo = new ArrayDeque<>(children.getOrDefault(n.id(), List.of()));
    while (!todo.isEmpty()) {
      TraceNode c = todo.poll();
      if (seen.add(c.id())) {
        out.add(c.withChildren(List.of()));
        todo.addAll(children.getOrDefault(c.id(), List.of()));
      }
    }
    out.sort(ORDER);
    return out;
  }

  private static TraceNode node(Invocation i) {
    var st = i.state();
    Long duration =
        st.finishedAt().map(f -> Duration.between(i.spec().createdAt(), f).toMillis()).orElse(null);
    return new TraceNode(
        "invocation",
        i.id(),
        i.spec().parentId().orElse(null),
        i.spec().agent(),
        i.spec().function(),
        i.spec().message().topic().orElse(null),
        st.status().wire(),
        st.attempt(),
        i.spec().createdAt(),
        st.startedAt().orElse(null),
        st.finishedAt().orElse(null),
        duration,
        List.of(),
        null,
        null,
        null,
        null);
  }

  private static TraceNode node(LlmCallRecord c) {
    return new TraceNode(
        "llm_call",
        c.id(),
        c.invocationId().orElse(null),
        c.agent().orElse(null),
        null,
        null,
        c.status(),
        null,
        c.startedAt(),
        c.startedAt(),
        c.startedAt().plusMillis(c.latencyMs()),
        c.latencyMs(),
        List.of(),
        null,
        c.usage().total(),
        Usd.of(c.costMicros()),
        new TraceNode.LlmCall(
            c.model(),
            c.provider(),
            c.variant().orElse(null),
            c.usage().input(),
            c.usage().output(),
            c.usage().cacheRead(),
            c.usage().cacheWrite(),
            c.latencyMs(),
            c.ttftMs().orElse(null),
            c.finishReason().orElse(null),
            c.error().orElse(null)));
  }

  private static TraceNode node(EventRecord e) {
    return new TraceNode(
        "event",
        e.id(),
        e.parentId().orElse(null),
        null,
        null,
        e.topic(),
        null,
        null,
        e.createdAt(),
        null,
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null);
  }

  private static TraceView.Totals totals(
      List<Invocation> invs, List<EventRecord> evs, List<LlmCallRecord> calls) {
    Map<String, Integer> statuses = new TreeMap<>();
    int attempts = 0;
    Instant start = null;
    Instant end = null;
    boolean open = false;
    for (Invocation i : invs) {
      statuses.merge(i.status().wire(), 1, Integer::sum);
      attempts += i.state().attempt();
      start = min(start, i.spec().createdAt());
      open |= i.state().finishedAt().isEmpty();
      if (i.state().finishedAt().isPresent()) {
        end = max(end, i.state().finishedAt().get());
      }
    }
    for (EventRecord e : evs) {
      start = min(start, e.createdAt());
    }
    for (LlmCallRecord c : calls) {
      start = min(start, c.startedAt());
      end = max(end, c.startedAt().plusMillis(c.latencyMs()));
    }
    Instant finished = open ? null : end;
    Long duration =
        start != null && finished != null ? Duration.between(start, finished).toMillis() : null;
    return new TraceView.Totals(
        invs.size(),
        evs.size(),
        attempts,
        statuses,
        start,
        finished,
        duration,
        tokens(calls),
        Usd.of(cost(calls)),
        calls.size());
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
