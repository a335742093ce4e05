package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's view of an agent.
 *
 * @param name the agent name
 * @param namespace its namespace
 * @param description what it does
 * @param functions its registered functions
 * @param status its health
 * @param lastHeartbeat when a worker last showed signs of life
 * @param workers the live worker count
 * @param createdAt when it was first registered
 * @param updatedAt when it was last registered
 * @param maxConcurrency its agent-wide concurrency cap, when it has one
 * @param rateLimit its agent-wide rate limit, when it has one
 * @param lanes its execution classes, by name, as registered
 * @param degrade when its execution classes count as degraded, when it has a policy
 * @param flow its flow control now: pauses, running and pending counts, per function too
 */
public record AgentView(
    String name,
    String namespace,
    Optional<String> description,
    List<FunctionSpec> functions,
    AgentStatus status,
    Optional<Instant> lastHeartbeat,
    int workers,
    Optional<Instant> createdAt,
    Optional<Instant> updatedAt,
    Optional<Integer> maxConcurrency,
    Optional<RateLimit> rateLimit,
    Map<String, LaneSpec> lanes,
    Optional<DegradePolicy> degrade,
    Optional<FlowState> flow) {
  /** Checks the name and normalises absent fields. */
  public AgentView {
    requireNonNull(name, "name is null");
    description = Normalize.optional(description);
    functions = Normalize.list(functions);
    status = status == null ? AgentStatus.UNKNOWN : status;
    lastHeartbeat = Normalize.optional(lastHeartbeat);
    createdAt = Normalize.optional(createdAt);
    updatedAt = Normalize.optional(updatedAt);
    maxConcurrency = Normalize.optional(maxConcurrency);
    rateLimit = Normalize.optional(rateLimit);
    lanes = Normalize.map(lanes);
    degrade = Normalize.optional(degrade);
    flow = Normalize.optional(flow);
  }
}
