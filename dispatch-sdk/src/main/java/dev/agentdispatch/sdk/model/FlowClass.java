package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.time.Instant;
import java.util.Optional;

/**
 * An execution class of an agent (one of its lanes, or the default lane) that failed lately or is
 * degraded, in its {@link FlowState#classes()}. Listed only for an agent with a {@link
 * DegradePolicy}; a completed attempt or a reset removes it.
 *
 * @param lane the lane; empty for the default lane (the server sends {@code ""})
 * @param failures its consecutive failed attempts so far
 * @param degradedSince when it became degraded; empty while it is under the threshold
 * @param mode what its degradation does; empty while it is not degraded
 */
public record FlowClass(
    Optional<String> lane,
    int failures,
    Optional<Instant> degradedSince,
    Optional<DegradeMode> mode) {
  /** Checks the count and reads the default lane's {@code ""} as empty. */
  public FlowClass {
    lane = Normalize.optional(lane).filter(l -> !l.isEmpty());
    Caps.count(failures, "failures");
    degradedSince = Normalize.optional(degradedSince);
    mode = Normalize.optional(mode);
  }

  /**
   * Tells whether the class is degraded now: paused or slowed by the server.
   *
   * @return true once it has reached the policy's {@code afterFailures}, until a reset or success
   */
  public boolean degraded() {
    return degradedSince.isPresent();
  }
}
