package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An agent's flow control as the server enforces it now: its caps, whether it is paused, and what
 * is under way. Returned by {@code GET /agents/{agent}} (as {@link AgentView#flow()}) and by the
 * pause and resume calls of {@link dev.agentdispatch.sdk.client.DispatchClient}.
 *
 * <p>{@code running} never exceeds {@code maxConcurrency}: the cap is counted when a worker leases
 * work, so what is over it waits {@code pending} (its {@code blocked_by} says why).
 *
 * @param paused whether the whole agent is paused: nothing of it is leased, new invocations are
 *     still accepted and wait, running ones run on
 * @param maxConcurrency the most of the agent's invocations running at once, over all its
 *     functions, workers and server nodes
 * @param running invocations leased to a worker now
 * @param pending invocations waiting to be leased, due or not (not counting {@code keyBlocked})
 * @param keyBlocked invocations waiting for a slot of their {@code concurrency_key}
 * @param functions the same per function
 * @param lanes the same per declared lane (see {@link LaneSpec}); the default lane is not listed
 * @param classes the execution classes that failed lately or are degraded (see {@link
 *     DegradePolicy}); empty for an agent without a degrade policy
 */
public record FlowState(
    boolean paused,
    Optional<Integer> maxConcurrency,
    int running,
    int pending,
    int keyBlocked,
    List<FunctionFlow> functions,
    List<LaneFlow> lanes,
    List<FlowClass> classes) {
  /** Checks the counts and copies the lists. */
  public FlowState {
    maxConcurrency = Caps.check(maxConcurrency, "maxConcurrency");
    Caps.count(running, "running");
    Caps.count(pending, "pending");
    Caps.count(keyBlocked, "keyBlocked");
    functions = Normalize.list(functions);
    lanes = Normalize.list(lanes);
    classes = Normalize.list(classes);
  }

  /**
   * Returns one function's part.
   *
   * @param name the function
   * @return its flow state, or empty when the agent has no such function
   */
  public Optional<FunctionFlow> function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Returns one declared lane's part.
   *
   * @param name the lane
   * @return its flow state, or empty when the agent declares no such lane
   */
  public Optional<LaneFlow> lane(String name) {
    return lanes.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /**
   * Returns one execution class's failures, when it failed lately or is degraded.
   *
   * @param lane the lane; empty for the default lane
   * @return its entry, or empty when it has none (it has not failed since its last success or
   *     reset)
   */
  public Optional<FlowClass> executionClass(Optional<String> lane) {
    Optional<String> wanted = lane == null ? Optional.empty() : lane;
    return classes.stream().filter(c -> c.lane().equals(wanted)).findFirst();
  }

  /**
   * Returns the degraded execution classes.
   *
   * @return the classes the server pauses or slows now
   */
  public List<FlowClass> degradedClasses() {
    return classes.stream().filter(FlowClass::degraded).collect(Collectors.toList());
  }
}
