package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Optional;

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
 */
public record FlowState(
    boolean paused,
    Optional<Integer> maxConcurrency,
    int running,
    int pending,
    int keyBlocked,
    List<FunctionFlow> functions) {
  /** Checks the counts and copies the list. */
  public FlowState {
    maxConcurrency = Caps.check(maxConcurrency, "maxConcurrency");
    Caps.count(running, "running");
    Caps.count(pending, "pending");
    Caps.count(keyBlocked, "keyBlocked");
    functions = Normalize.list(functions);
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
}
