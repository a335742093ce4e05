package dev.agentdispatch.store.flow;

import java.util.Objects;

/**
 * What one function of an agent has under way.
 *
 * @param running leased now
 * @param pending waiting to be leased and let through by their key's gate (due or not)
 * @param keyBlocked pending, waiting for a slot of their concurrency key
 */
public record FlowCount(String function, int running, int pending, int keyBlocked) {
  public FlowCount {
    Objects.requireNonNull(function, "function is null");
  }
}
