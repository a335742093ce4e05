package dev.agentdispatch.server.app.flow;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Lane;
import dev.agentdispatch.store.flow.ClassHealth;
import dev.agentdispatch.store.flow.FlowCount;
import dev.agentdispatch.store.flow.FlowStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * An agent's flow control at a glance: its caps, what is paused, and what is under way.
 *
 * @param running leased now, over all functions
 * @param pending waiting to be leased (due or not), not counting those at a key's gate
 * @param keyBlocked waiting for a slot of their concurrency key
 * @param classes the agent's execution classes (lanes; {@code ""} the default lane) that have
 *     failed lately or are degraded
 */
public record FlowStatus(
    boolean paused,
    Optional<Integer> maxConcurrency,
    int running,
    int pending,
    int keyBlocked,
    List<FunctionFlow> functions,
    List<LaneFlow> lanes,
    List<ClassHealth> classes) {

  /** One function's part, over all lanes. */
  public record FunctionFlow(
      String name,
      boolean paused,
      Optional<Integer> maxConcurrency,
      Optional<Integer> keyConcurrency,
      int running,
      int pending,
      int keyBlocked) {}

  /** One declared lane's part, over all functions. */
  public record LaneFlow(
      String name, Optional<Integer> maxConcurrency, int reserved, int running, int pending) {}

  static FlowStatus of(
      AgentSpec spec, Set<String> paused, List<FlowCount> counts, List<ClassHealth> classes) {
    List<FunctionFlow> functions =
        spec.functions().stream().map(f -> function(f, paused, counts)).toList();
    List<LaneFlow> lanes = spec.lanes().stream().map(l -> lane(l, counts)).toList();
    return new FlowStatus(
        paused.contains(FlowStore.WHOLE_AGENT),
        spec.maxConcurrency(),
        sum(counts, c -> true, FlowCount::running),
        sum(counts, c -> true, FlowCount::pending),
        sum(counts, c -> true, FlowCount::keyBlocked),
        functions,
        lanes,
        classes);
  }

  /** Whether the class of {@code lane} ({@code ""}: the default lane) is degraded. */
  public Optional<ClassHealth> degraded(String lane) {
    return classes.stream()
        .filter(c -> c.lane().equals(lane) && c.degradedSince().isPresent())
        .findFirst();
  }

  private static FunctionFlow function(FunctionSpec f, Set<String> paused, List<FlowCount> counts) {
    Predicate<FlowCount> mine = c -> c.function().equals(f.name());
    return new FunctionFlow(
        f.name(),
        paused.contains(f.name()),
        f.maxConcurrency(),
        f.keyConcurrency(),
        sum(counts, mine, FlowCount::running),
        sum(counts, mine, FlowCount::pending),
        sum(counts, mine, FlowCount::keyBlocked));
  }

  private static LaneFlow lane(Lane l, List<FlowCount> counts) {
    Predicate<FlowCount> mine = c -> c.lane().equals(l.name());
    return new LaneFlow(
        l.name(),
        l.maxConcurrency(),
        l.reserved(),
        sum(counts, mine, FlowCount::running),
        sum(counts, mine, FlowCount::pending));
  }

  private static int sum(
      List<FlowCount> counts, Predicate<FlowCount> which, ToIntFunction<FlowCount> what) {
    return counts.stream().filter(which).mapToInt(what).sum();
  }
}
