package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 */
public record AgentRegistration(
    Optional<String> description,
    List<FunctionSpec> functions,
    Optional<String> version,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metadata,
    Optional<Integer> maxConcurrency,
    Optional<RateLimit> rateLimit) {
  /** Copies collections, checks the cap and normalises absent fields. */
  public AgentRegistration {
    description = Normalize.optional(description);
    functions = Normalize.list(functions);
    version = Normalize.optional(version);
    metadata = Normalize.map(metadata);
    maxConcurrency = Caps.check(maxConcurrency, "maxConcurrency");
    rateLimit = Normalize.optional(rateLimit);
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
        description, functions, version, metadata, Optional.of(cap), rateLimit);
  }

  /**
   * Returns a copy with an agent-wide rate limit.
   *
   * @param limit the limit
   * @return the new registration
   */
  public AgentRegistration withRateLimit(RateLimit limit) {
    return new AgentRegistration(
        description, functions, version, metadata, maxConcurrency, Optional.of(limit));
  }
}
