package dev.agentdispatch.store.invocation;

import java.util.Objects;
import java.util.Optional;

/** Whether a completion was accepted; a rejected one changed nothing and says why. */
public record CompletionResult(String leaseId, Optional<String> rejectedBecause) {
  public static final String STALE_LEASE = "stale_lease";

  /** The lease is held, by a worker other than the one reporting. */
  public static final String FOREIGN_LEASE = "lease_held_by_another_worker";

  public CompletionResult {
    Objects.requireNonNull(leaseId, "leaseId is null");
    Objects.requireNonNull(rejectedBecause, "rejectedBecause is null");
  }

  public static CompletionResult accepted(String leaseId) {
    return new CompletionResult(leaseId, Optional.empty());
  }

  public static CompletionResult rejected(String leaseId, String reason) {
    return new CompletionResult(leaseId, Optional.of(reason));
  }

  public boolean accepted() {
    return rejectedBecause.isEmpty();
  }
}
