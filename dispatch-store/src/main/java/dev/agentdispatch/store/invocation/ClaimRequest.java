package dev.agentdispatch.store.invocation;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A worker asking for up to {@code max} pending invocations of one agent.
 *
 * @param functions the functions the worker serves; empty means all of the agent's
 * @param limits the caps the claim must keep within
 */
public record ClaimRequest(
    String namespace,
    String agent,
    Set<String> functions,
    String workerId,
    int max,
    Duration leaseFor,
    ClaimLimits limits) {
  public ClaimRequest {
    Objects.requireNonNull(limits, "limits is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(agent, "agent is null");
    functions = Set.copyOf(functions);
    Objects.requireNonNull(workerId, "workerId is null");
    Objects.requireNonNull(leaseFor, "leaseFor is null");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, got " + max);
    }
  }

  /** A claim under no caps. */
  public ClaimRequest(
      String namespace,
      String agent,
      Set<String> functions,
      String workerId,
      int max,
      Duration leaseFor) {
    this(namespace, agent, functions, workerId, max, leaseFor, ClaimLimits.NONE);
  }
}
