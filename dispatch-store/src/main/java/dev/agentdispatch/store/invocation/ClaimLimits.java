package dev.agentdispatch.store.invocation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The concurrency caps a claim must respect, from the agent's registration: counted in the database
 * at claim time, under a lock per agent, so all nodes together stay within them.
 *
 * @param agentCap the most of the agent's invocations running at once
 * @param functionCaps the most running at once per function, for functions that declare one
 * @param lanes the agent's lanes by name: each lane's cap, and the slots of the agent cap it
 *     reserves
 * @param declared the agent's functions, so a claim that must pass over some of them can read the
 *     others one by one instead of walking past a saturated backlog
 */
public record ClaimLimits(
    Optional<Integer> agentCap,
    Map<String, Integer> functionCaps,
    Map<String, LaneLimit> lanes,
    Set<String> declared) {
  /** No caps: the claim takes work in priority order only. */
  public static final ClaimLimits NONE =
      new ClaimLimits(Optional.empty(), Map.of(), Map.of(), Set.of());

  /** One lane's cap (if any) and reserved slots. */
  public record LaneLimit(Optional<Integer> cap, int reserved) {
    public LaneLimit {
      Objects.requireNonNull(cap, "cap is null");
    }
  }

  public ClaimLimits {
    Objects.requireNonNull(agentCap, "agentCap is null");
    functionCaps = Map.copyOf(functionCaps);
    lanes = Map.copyOf(lanes);
    declared = Set.copyOf(declared);
  }

  /** Caps without lanes. */
  public ClaimLimits(
      Optional<Integer> agentCap, Map<String, Integer> functionCaps, Set<String> declared) {
    this(agentCap, functionCaps, Map.of(), declared);
  }

  /** Whether any cap is in force. */
  public boolean any() {
    return agentCap.isPresent() || !functionCaps.isEmpty() || !lanes.isEmpty();
  }
}
