package dev.agentdispatch.store.flow;

import java.util.Objects;

/**
 * What one function of an agent has under way in one lane.
 *
 * @param lane the lane, {@link #DEFAULT_LANE} for invocations that name none
 * @param running leased now
 * @param pending waiting to be leased and let through by their key's gate (due or not)
 * @param keyBlocked pending, waiting for a slot of their concurrency key
 */
public record FlowCount(String function, String lane, int running, int pending, int keyBlocked) {
  /** The lane of invocations that name none. */
  public static final String DEFAULT_LANE = "";

  public FlowCount {
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(lane, "lane is null");
  }
}
