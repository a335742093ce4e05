package dev.agentdispatch.server.app.flow;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Lane;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.store.flow.FlowCount;
import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.invocation.ClaimLimits;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Flow control (DESIGN §7): the caps a claim keeps within, pausing and resuming dispatch, and why a
 * pending invocation waits. The caps come from the agent's registration; they are enforced where
 * work is handed out (the store's claim and key gate), so every door and node obeys the same ones.
 */
public final class FlowService {
  private final FlowStore store;
  private final AgentService agents;
  private final Clock clock;

  public FlowService(FlowStore store, AgentService agents, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  /** The caps a claim for the agent must keep within (none for an unknown agent). */
  public ClaimLimits claimLimits(String namespace, String agent) {
    return agents.spec(namespace, agent).map(FlowService::limitsOf).orElse(ClaimLimits.NONE);
  }

  static ClaimLimits limitsOf(AgentSpec spec) {
    Map<String, Integer> caps = new HashMap<>();
    for (FunctionSpec f : spec.functions()) {
      f.maxConcurrency().ifPresent(n -> caps.put(f.name(), n));
    }
    Map<String, ClaimLimits.LaneLimit> lanes = new HashMap<>();
    for (Lane l : spec.lanes()) {
      lanes.put(l.name(), new ClaimLimits.LaneLimit(l.maxConcurrency(), l.reserved()));
    }
    if (spec.maxConcurrency().isEmpty() && caps.isEmpty() && lanes.isEmpty()) {
      return ClaimLimits.NONE;
    }
    Set<String> declared =
        spec.functions().stream().map(FunctionSpec::name).collect(Collectors.toSet());
    return new ClaimLimits(spec.maxConcurrency(), caps, lanes, declared);
  }

  /**
   * Pauses dispatch of the agent, or of one of its functions: pending and new work is kept and
   * waits; running work runs on.
   */
  public FlowStatus pause(String namespace, String agent, Optional<String> function) {
    store.pause(namespace, agent, target(namespace, agent, function), clock.instant());
    return status(namespace, agent);
  }

  /** Resumes what {@link #pause} paused; what waited is dispatched at once. */
  public FlowStatus resume(String namespace, String agent, Optional<String> function) {
    store.resume(namespace, agent, target(namespace, agent, function), clock.instant());
    return status(namespace, agent);
  }

  private String target(String namespace, String agent, Optional<String> function) {
    agents.requireSpec(namespace, agent);
    function.ifPresent(f -> agents.requireFunction(namespace, agent, f));
    return function.orElse(FlowStore.WHOLE_AGENT);
  }

  /**
   * An operator's reset of a degraded (or failing) class: {@code lane}, or the default lane when
   * empty. {@link ServiceException.NotFound} for an unknown agent or lane.
   */
  public FlowStatus reset(String namespace, String agent, Optional<String> lane) {
    AgentSpec spec = agents.requireSpec(namespace, agent);
    lane.filter(l -> spec.lane(l).isEmpty())
        .ifPresent(l -> {
          throw new ServiceException.NotFound("agent '" + agent + "' has no lane '" + l + "'");
        });
    store.resetClass(namespace, agent, lane.orElse(FlowCount.DEFAULT_LANE), clock.instant());
    return status(namespace, agent);
  }

  /** The agent's caps, pauses and what is under way, per function. */
  public FlowStatus status(String namespace, String agent) {
    AgentSpec spec = agents.requireSpec(namespace, agent);
    Set<String> paused = store.paused(namespace, agent);
    return FlowStatus.of(
        spec, paused, store.counts(namespace, agent), store.classes(namespace, agent));
  }

  /**
   * Why a pending invocation that is due is not running, when flow control holds it back: {@code
   * paused:agent}, {@code paused:function}, {@code concurrency:key}, {@code concurrency:agent},
   * {@code concurrency:lane}, {@code degraded:lane} or {@code concurrency:function}. Empty when
   * nothing does (it waits for a worker).
   */
  public Optional<String> blockedBy(Invocation inv) {
    if (inv.status() != InvocationStatus.PENDING
        || inv.state().availableAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    String ns = inv.spec().namespace();
    String agent = inv.spec().agent();
    Set<String> paused = store.paused(ns, agent);
    if (paused.contains(FlowStore.WHOLE_AGENT)) {
      return Optional.of("paused:agent");
    }
    if (paused.contains(inv.spec().function())) {
      return Optional.of("paused:function");
    }
    if (inv.spec().keyConcurrency().isPresent() && store.keyBlocked(ns, inv.id())) {
      return Optional.of("concurrency:key");
    }
    Optional<AgentSpec> spec = agents.spec(ns, agent);
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    List<FlowCount> counts = store.counts(ns, agent);
    FlowStatus status = FlowStatus.of(spec.get(), paused, counts, store.classes(ns, agent));
    String lane = inv.spec().lane().orElse(FlowCount.DEFAULT_LANE);
    return degraded(status, counts, lane)
        .or(() -> capped(status, lane))
        .or(() -> functionCapped(status, inv.spec().function()));
  }

  /** A degraded class holds back all of it (pause mode) or all but one attempt (slow mode). */
  private static Optional<String> degraded(FlowStatus status, List<FlowCount> counts, String lane) {
    Optional<DegradePolicy.Mode> mode =
        status.degraded(lane).map(c -> c.mode().orElse(DegradePolicy.Mode.PAUSE));
    if (mode.isEmpty()) {
      return Optional.empty();
    }
    int running =
        counts.stream().filter(c -> c.lane().equals(lane)).mapToInt(FlowCount::running).sum();
    return mode.get() == DegradePolicy.Mode.PAUSE || running > 0
        ? Optional.of("degraded:lane")
        : Optional.empty();
  }

  /** The agent's cap, then the lane's own cap and the slots other lanes reserve. */
  private static Optional<String> capped(FlowStatus status, String lane) {
    if (status.maxConcurrency().map(cap -> status.running() >= cap).orElse(false)) {
      return Optional.of("concurrency:agent");
    }
    boolean laneFull =
        status.lanes().stream()
            .filter(l -> l.name().equals(lane))
            .anyMatch(l -> l.maxConcurrency().map(cap -> l.running() >= cap).orElse(false));
    int keptForOthers =
        status.lanes().stream()
            .filter(o -> !o.name().equals(lane))
            .mapToInt(o -> Math.max(0, o.reserved() - o.running()))
            .sum();
    boolean reservedForOthers =
        status
            .maxConcurrency()
            .map(cap -> status.running() + 1 > cap - keptForOthers)
            .orElse(false);
    return laneFull || reservedForOthers ? Optional.of("concurrency:lane") : Optional.empty();
  }

  private static Optional<String> functionCapped(FlowStatus status, String function) {
    return status.functions().stream()
        .filter(f -> f.name().equals(function))
        .filter(f -> f.maxConcurrency().map(cap -> f.running() >= cap).orElse(false))
        .findFirst()
        .map(f -> "concurrency:function");
  }
}
