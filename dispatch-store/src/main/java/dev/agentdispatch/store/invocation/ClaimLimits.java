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
 * @param declared the agent's functions, so a claim that must pass over some of them can read the
 *     others one by one instead of walking past a saturated backlog
 */
public record ClaimLimits(
    Optional<Integer> agentCap, Map<String, Integer> functionCaps, Set<String> declared) {
  /** No caps: the claim takes work in priority order only. */
  public static final ClaimLimits NONE = new ClaimLimits(Optional.empty(), Map.of(), Set.of());

  public ClaimLimits {
    Objects.requireNonNull(agentCap, "agentCap is null");
    functionCaps = Map.copyOf(functionCaps);
    declared = Set.copyOf(declared);
  }

  /** Whether any cap is in force. */
  public boolean any() {
    return agentCap.isPresent() || !functionCaps.isEmpty();
  }
}
