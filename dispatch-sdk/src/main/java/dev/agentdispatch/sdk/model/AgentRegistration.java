package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Body of {@code PUT /agents/{agent}}: what an agent declares about itself.
 *
 * @param description what the agent does
 * @param functions its functions
 * @param version a version label
 * @param metadata free-form labels
 * @param maxConcurrency the most of the agent's invocations running at once, over all its
 *     functions, workers and server nodes, 1..100,000; empty for no cap. The server counts it when
 *     a worker leases work; what is over it waits pending.
 * @param rateLimit how fast invocations of the agent may be created, over all its functions
 * @param lanes its execution classes by name (1-128 letters, digits, {@code _} or {@code -},
 *     starting with a letter or digit); the reserves may not add up to more than {@code
 *     maxConcurrency}
 * @param degrade when its execution classes count as degraded, and what that does
 * @param capabilities the routed task types it serves (docs/task-routing.md); empty: none
 * @param maxOpenTasks the most routed tasks it holds at once (assigned or in progress)
 * @param taskFunction the function routed tasks are invoked on; empty: {@code handle_task}
 */
public record AgentRegistration(
    Optional<String> description,
    List<FunctionSpec> functions,
    Optional<String> version,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metadata,
    Optional<Integer> maxConcurrency,
    Optional<RateLimit> rateLimit,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, LaneSpec> lanes,
    Optional<DegradePolicy> degrade,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> capabilities,
    Optional<Integer> maxOpenTasks,
    Optional<String> taskFunction) {

  /** A registration that takes no routed tasks. */
  public AgentRegistration(
      Optional<String> description,
      List<FunctionSpec> functions,
      Optional<String> version,
      Map<String, Object> metadata,
      Optional<Integer> maxConcurrency,
      Optional<RateLimit> rateLimit,
      Map<String, LaneSpec> lanes,
      Optional<DegradePolicy> degrade) {
    this(
        description,
        functions,
        version,
        metadata,
        maxConcurrency,
        rateLimit,
        lanes,
        degrade,
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static final Pattern LANE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,127}");

  /** Copies collections, checks the cap and the lanes, and normalises absent fields. */
  public AgentRegistration {
    description = Normalize.optional(description);
    functions = Normalize.list(functions);
    version = Normalize.optional(version);
    metadata = Normalize.map(metadata);
    maxConcurrency = Caps.check(maxConcurrency, "maxConcurrency");
    rateLimit = Normalize.optional(rateLimit);
    lanes = Normalize.map(lanes);
    capabilities = Normalize.list(capabilities);
    maxOpenTasks = Caps.check(maxOpenTasks, "maxOpenTasks");
    taskFunction = Normalize.optional(taskFunction);
    lanes.forEach((name, lane) -> {
      if (name == null || !LANE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "lane name '"
                + name
                + "' is invalid: use 1-128 letters, digits, '_' or '-', starting with a letter or"
                + " digit");
      }
      if (lane == null) {
        throw new IllegalArgumentException("lane '" + name + "' is null");
      }
    });
    int reserved = lanes.values().stream().mapToInt(LaneSpec::reserved).sum();
    if (reserved > 0 && maxConcurrency.map(cap -> cap < reserved).orElse(true)) {
      throw new IllegalArgumentException(
          "lanes reserve "
              + reserved
              + " slots, more than the agent's maxConcurrency ("
              + maxConcurrency.map(String::valueOf).orElse("none")
              + ")");
    }
    degrade = Normalize.optional(degrade);
  }

  /**
   * Creates a registration with only functions.
   *
   * @param functions the functions
   * @return the registration
   */
  public static AgentRegistration of(List<FunctionSpec> functions) {
    return new AgentRegistration(
        Optional.empty(),
        functions,
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  /**
   * Returns a copy with an agent-wide concurrency cap.
   *
   * @param cap 1..100,000
   * @return the new registration
   */
  public AgentRegistration withMaxConcurrency(int cap) {
    return new AgentRegistration(
        description, functions, version, metadata, Optional.of(cap), rateLimit, lanes, degrade);
  }

  /**
   * Returns a copy with an agent-wide rate limit.
   *
   * @param limit the limit
   * @return the new registration
   */
  public AgentRegistration withRateLimit(RateLimit limit) {
    return new AgentRegistration(
        description,
        functions,
        version,
        metadata,
        maxConcurrency,
        Optional.of(limit),
        lanes,
        degrade);
  }

  /**
   * Returns a copy with these lanes instead of its own.
   *
   * @param value the lanes by name, in the order to send them
   * @return the new registration
   */
  public AgentRegistration withLanes(Map<String, LaneSpec> value) {
    return new AgentRegistration(
        description, functions, version, metadata, maxConcurrency, rateLimit, value, degrade);
  }

  /**
   * Returns a copy with a degrade policy.
   *
   * @param policy the policy
   * @return the new registration
   */
  public AgentRegistration withDegrade(DegradePolicy policy) {
    return new AgentRegistration(
        description,
        functions,
        version,
        metadata,
        maxConcurrency,
        rateLimit,
        lanes,
        Optional.of(policy));
  }
}
