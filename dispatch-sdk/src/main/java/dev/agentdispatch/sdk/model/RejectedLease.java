package dev.agentdispatch.sdk.model;

/**
 * A completion the server refused.
 *
 * @param leaseId the lease
 * @param reason why, e.g. the lease was stale
 */
public record RejectedLease(String leaseId, String reason) {
  /** Normalises a missing reason. */
  public RejectedLease {
    reason = reason == null ? "unknown" : reason;
  }
}
