package dev.agentdispatch.store.flow;

import dev.agentdispatch.core.agent.DegradePolicy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution class of an agent and how it fares.
 *
 * @param lane the lane, {@link FlowCount#DEFAULT_LANE} for the default lane
 * @param failures consecutive failed attempts, since the last completed one or reset
 * @param degradedSince when it became degraded; empty while it is not
 * @param mode what its degradation does to dispatch, while degraded
 */
public record ClassHealth(
    String lane, int failures, Optional<Instant> degradedSince, Optional<DegradePolicy.Mode> mode) {
  public ClassHealth {
    Objects.requireNonNull(lane, "lane is null");
    Objects.requireNonNull(degradedSince, "degradedSince is null");
    Objects.requireNonNull(mode, "mode is null");
  }
}
