package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.store.flow.FlowCount;
import dev.agentdispatch.store.invocation.ClaimLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one claim may still lease under an agent's caps: counts the running invocations per function
 * and lane as the claim takes more, and says whether one more of a function in a lane fits. A
 * lane's reserved slots that it does not use are kept from every other lane.
 */
final class ClaimBudget {
  /** The key of the default lane (an invocation that names none) in the per-lane counts. */
  static final String DEFAULT_LANE = FlowCount.DEFAULT_LANE;

  private final ClaimLimits limits;
  private final Map<String, DegradePolicy.Mode> degraded;
  private final Map<String, Integer> byFunction = new HashMap<>();
  private final Map<String, Integer> byLane = new HashMap<>();
  private int total;

  /**
   * @param degraded degraded lanes: a paused one takes nothing, a slowed one one at a time
   */
  ClaimBudget(ClaimLimits limits, Map<String, DegradePolicy.Mode> degraded) {
    this.limits = limits;
    this.degraded = degraded;
  }

  /** Counts one running (or just leased) invocation. */
  void take(String function, Optional<String> lane) {
    add(function, lane.orElse(DEFAULT_LANE), 1);
  }

  void add(String function, String lane, int n) {
    byFunction.merge(function, n, Integer::sum);
    byLane.merge(lane, n, Integer::sum);
    total += n;
  }

  /** Whether one more invocation of {@code function} in {@code lane} stays within every cap. */
  boolean fits(String function, Optional<String> lane) {
    return functionOpen(function) && laneOpen(lane);
  }

  /** Whether the agent cap alone leaves no room (nothing of any lane fits). */
  boolean agentFull() {
    return limits.agentCap().map(cap -> total >= cap).orElse(false);
  }

  /** Whether {@code lane} may take anything now (its cap, and the agent cap net of reserves). */
  boolean laneOpen(Optional<String> lane) {
    String name = lane.orElse(DEFAULT_LANE);
    DegradePolicy.Mode health = degraded.get(name);
    if (health == DegradePolicy.Mode.PAUSE
        || (health == DegradePolicy.Mode.SLOW && byLane.getOrDefault(name, 0) >= 1)) {
      return false;
    }
    ClaimLimits.LaneLimit own = limits.lanes().get(name);
    if (own != null && own.cap().map(cap -> byLane.getOrDefault(name, 0) >= cap).orElse(false)) {
      return false;
    }
    return fitsAgent(name);
  }

  private boolean fitsAgent(String name) {
    if (limits.agentCap().isEmpty()) {
      return true;
    }
    int keptForOthers = 0;
    for (Map.Entry<String, ClaimLimits.LaneLimit> other : limits.lanes().entrySet()) {
      if (!other.getKey().equals(name)) {
        keptForOthers +=
            Math.max(0, other.getValue().reserved() - byLane.getOrDefault(other.getKey(), 0));
      }
    }
    return total + 1 <= limits.agentCap().get() - keptForOthers;
  }

  /** Whether one more of {@code function} fits its own cap. */
  boolean functionOpen(String function) {
    Integer fnCap = limits.functionCaps().get(function);
    return fnCap == null || byFunction.getOrDefault(function, 0) < fnCap;
  }
}
