package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.time.Instant;
import java.util.Optional;

/**
 * One try of an invocation.
 *
 * @param attempt the attempt number, from 1
 * @param leaseId the lease it ran under
 * @param workerId the worker that ran it
 * @param startedAt when the lease was granted
 * @param finishedAt when it ended, if it has
 * @param outcome how it ended (e.g. completed, error, lease_expired), if it has
 * @param error the error, when it failed
 */
public record AttemptView(
    int attempt,
    Optional<String> leaseId,
    Optional<String> workerId,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<String> outcome,
    Optional<InvocationError> error) {
  /** Normalises absent fields. */
  public AttemptView {
    leaseId = Normalize.optional(leaseId);
    workerId = Normalize.optional(workerId);
    startedAt = Normalize.optional(startedAt);
    finishedAt = Normalize.optional(finishedAt);
    outcome = Normalize.optional(outcome);
    error = Normalize.optional(error);
  }
}
