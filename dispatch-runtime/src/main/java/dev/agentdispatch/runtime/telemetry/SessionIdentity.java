package dev.agentdispatch.runtime.telemetry;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a traced session is: its role and phase, its worker id (unique per session), and the project
 * and thread it belongs to, when given.
 */
public record SessionIdentity(
    String role,
    String phase,
    String workerId,
    Optional<Long> projectId,
    Optional<String> threadId) {
  public SessionIdentity {
    Objects.requireNonNull(role, "role is null");
    Objects.requireNonNull(phase, "phase is null");
    Objects.requireNonNull(workerId, "workerId is null");
    Objects.requireNonNull(projectId, "projectId is null");
    Objects.requireNonNull(threadId, "threadId is null");
  }
}
