package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;

/**
 * One execution class of an agent, as declared in its registration ({@code lanes}, by name). An
 * invocation runs in a lane when it names it ({@link
 * dev.agentdispatch.sdk.client.InvokeOptionsBuilder#lane(String)}), otherwise in the default lane.
 * The server counts both limits when a worker leases work, over all workers and server nodes; what
 * is over them waits pending with {@code blocked_by} {@code concurrency:lane}.
 *
 * <pre>{@code
 * LaneSpec.reserving(5)               // 5 of the agent's slots kept for this lane
 * LaneSpec.capped(12)                 // at most 12 of this lane running at once
 * LaneSpec.capped(12).withReserved(2) // both
 * }</pre>
 *
 * @param maxConcurrency the most of the lane's invocations running at once, 1..100,000; empty for
 *     none of its own (the agent's cap still applies)
 * @param reserved slots of the agent's {@code max_concurrency} kept for this lane while it does not
 *     use them: other lanes and the default lane may not take them. The reserves of all lanes may
 *     not add up to more than the agent's cap, so reserving needs one.
 */
public record LaneSpec(Optional<Integer> maxConcurrency, int reserved) {
  /** Checks the cap and the reserve. */
  public LaneSpec {
    maxConcurrency = Caps.check(Normalize.optional(maxConcurrency), "maxConcurrency of a lane");
    if (reserved < 0 || reserved > Caps.MAX) {
      throw new IllegalArgumentException(
          "reserved of a lane must be in 0.." + Caps.MAX + ", got " + reserved);
    }
  }

  /**
   * Creates a lane with reserved slots and no cap of its own.
   *
   * @param slots 0..100,000 slots of the agent's cap
   * @return the lane
   */
  public static LaneSpec reserving(int slots) {
    return new LaneSpec(Optional.empty(), slots);
  }

  /**
   * Creates a lane with a cap of its own and no reserved slots.
   *
   * @param cap 1..100,000
   * @return the lane
   */
  public static LaneSpec capped(int cap) {
    return new LaneSpec(Optional.of(cap), 0);
  }

  /**
   * Returns a copy with reserved slots.
   *
   * @param slots 0..100,000 slots of the agent's cap
   * @return the new lane
   */
  public LaneSpec withReserved(int slots) {
    return new LaneSpec(maxConcurrency, slots);
  }
}
