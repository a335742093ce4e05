package dev.agentdispatch.store.flow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The work under way in one lane of one agent, across the whole store (every node): what metrics
 * report as queue depth, running and blocked.
 *
 * @param lane the lane, {@link FlowCount#DEFAULT_LANE} for invocations that name none
 * @param running leased now
 * @param pending waiting to be leased and let through by their key's gate (due or not)
 * @param keyBlocked pending, waiting for a slot of their concurrency key
 * @param oldestPending the earliest time a pending invocation of this lane became (or becomes)
 *     claimable; empty when none is pending
 */
public record WorkLoad(
    String namespace,
    String agent,
    String lane,
    long running,
    long pending,
    long keyBlocked,
    Optional<Instant> oldestPending) {
  public WorkLoad {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(lane, "lane is null");
    Objects.requireNonNull(oldestPending, "oldestPending is null");
  }
}
