package dev.agentdispatch.server.app.flow;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.store.flow.FlowCount;
import dev.agentdispatch.store.flow.FlowStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An agent's flow control at a glance: its caps, what is paused, and what is under way.
 *
 * @param running leased now, over all functions
 * @param pending waiting to be leased (due or not), not counting those at a key's gate
 * @param keyBlocked waiting for a slot of their concurrency key
 */
public record FlowStatus(
    boolean paused,
    Optional<Integer> maxConcurrency,
    int running,
    int pending,
    int keyBlocked,
    List<FunctionFlow> functions) {

  /** One function's part. */
  public record FunctionFlow(
      String name,
      boolean paused,
      Optional<Integer> maxConcurrency,
      Optional<Integer> keyConcurrency,
      int running,
      int pending,
      int keyBlocked) {}

  static FlowStatus of(AgentSpec spec, Set<String> paused, List<FlowCount> counts) {
    Map<String, FlowCount> byName =
        counts.stream().collect(Collectors.toMap(FlowCount::function, Function.identity()));
    List<FunctionFlow> functions =
        spec.functions().stream()
            .map(f -> function(f, paused, byName.getOrDefault(f.name(), empty(f.name()))))
            .toList();
    return new FlowStatus(
        paused.contains(FlowStore.WHOLE_AGENT),
        spec.maxConcurrency(),
        counts.stream().mapToInt(FlowCount::running).sum(),
        counts.stream().mapToInt(FlowCount::pending).sum(),
        counts.stream().mapToInt(FlowCount::keyBlocked).sum(),
        functions);
  }

  private static FunctionFlow function(FunctionSpec f, Set<String> paused, FlowCount n) {
    return new FunctionFlow(
        f.name(),
        paused.contains(f.name()),
        f.maxConcurrency(),
        f.keyConcurrency(),
        n.running(),
        n.pending(),
        n.keyBlocked());
  }

  private static FlowCount empty(String function) {
    return new FlowCount(function, 0, 0, 0);
  }
}
