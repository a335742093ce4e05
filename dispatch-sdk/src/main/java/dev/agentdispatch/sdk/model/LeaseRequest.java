package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;

/**
 * Body of {@code POST /workers/lease}.
 *
 * @param workerId the asking worker
 * @param agent the agent it serves
 * @param functions the functions it can run (empty means all)
 * @param max how many leases it can take now, 1..1000
 * @param waitMs how long the server may hold the request open for work, 0..60000
 * @param leaseSeconds how long each lease lasts before it must be renewed
 */
public record LeaseRequest(
    String workerId, String agent, List<String> functions, int max, long waitMs, int leaseSeconds) {
  /** Checks the bounds of the contract. */
  public LeaseRequest {
    requireNonNull(workerId, "workerId is null");
    requireNonNull(agent, "agent is null");
    functions = Normalize.list(functions);
    if (max < 1 || max > 1000) {
      throw new IllegalArgumentException("max must be in 1..1000, got " + max);
    }
    if (waitMs < 0 || waitMs > 60_000) {
      throw new IllegalArgumentException("waitMs must be in 0..60000, got " + waitMs);
    }
  }
}
