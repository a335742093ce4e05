package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;

/**
 * One function's part of an agent's {@link FlowState}.
 *
 * @param name the function
 * @param paused whether the function itself is paused (its agent may be paused as well)
 * @param maxConcurrency the most of its invocations running at once, inside the agent's cap
 * @param keyConcurrency the most of its invocations of one {@code concurrency_key} under way at
 *     once
 * @param running its invocations leased to a worker now
 * @param pending its invocations waiting to be leased, due or not (not counting {@code keyBlocked})
 * @param keyBlocked its invocations waiting for a slot of their {@code concurrency_key}
 */
public record FunctionFlow(
    String name,
    boolean paused,
    Optional<Integer> maxConcurrency,
    Optional<Integer> keyConcurrency,
    int running,
    int pending,
    int keyBlocked) {
  /** Checks the name and the counts, and normalises absent caps. */
  public FunctionFlow {
    Normalize.requireText(name, "function name");
    maxConcurrency = Caps.check(maxConcurrency, "maxConcurrency");
    keyConcurrency = Caps.check(keyConcurrency, "keyConcurrency");
    Caps.count(running, "running");
    Caps.count(pending, "pending");
    Caps.count(keyBlocked, "keyBlocked");
  }
}
