package dev.agentdispatch.core.invocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker's time-bound right to run the current attempt. The {@code leaseId} fences: a report that
 * names any other lease id is stale.
 *
 * @param attemptDeadline when the attempt times out regardless of heartbeats, if the invocation has
 *     an attempt timeout
 */
public record Lease(
    String leaseId, String workerId, Instant expiresAt, Optional<Instant> attemptDeadline) {
  public Lease {
    Objects.requireNonNull(leaseId, "leaseId is null");
    Objects.requireNonNull(workerId, "workerId is null");
    Objects.requireNonNull(expiresAt, "expiresAt is null");
    Objects.requireNonNull(attemptDeadline, "attemptDeadline is null");
  }

  Lease extendedTo(Instant newExpiry) {
    return new Lease(leaseId, workerId, newExpiry, attemptDeadline);
  }
}
