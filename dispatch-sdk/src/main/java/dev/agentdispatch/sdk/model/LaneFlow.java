package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;

/**
 * One declared lane's part of an agent's {@link FlowState}.
 *
 * @param name the lane
 * @param maxConcurrency the most of its invocations running at once; empty for no cap of its own
 * @param reserved slots of the agent's cap kept for it while it does not use them
 * @param running its invocations leased to a worker now
 * @param pending its invocations waiting to be leased, due or not
 */
public record LaneFlow(
    String name, Optional<Integer> maxConcurrency, int reserved, int running, int pending) {
  /** Checks the name and the counts, and normalises an absent cap. */
  public LaneFlow {
    Normalize.requireText(name, "lane name");
    maxConcurrency = Caps.check(maxConcurrency, "maxConcurrency");
    Caps.count(reserved, "reserved");
    Caps.count(running, "running");
    Caps.count(pending, "pending");
  }
}
