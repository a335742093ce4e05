package dev.agentdispatch.runtime.handoff;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.internal.Maps;
import dev.agentdispatch.runtime.internal.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A transfer of work from one role to another. Creating it does not run the target agent; the
 * session only registers the target worker.
 */
public record Handoff(
    String sourceRole,
    String targetRole,
    String phase,
    String reason,
    Map<String, Object> context,
    Optional<Long> projectId,
    String targetWorkerId,
    Instant createdAt) {

  public Handoff {
    sourceRole = Checks.nonBlank(sourceRole, "source_role");
    targetRole = Checks.nonBlank(targetRole, "target_role");
    phase = Checks.nonBlank(phase, "phase");
    reason = Checks.nonBlank(reason, "reason");
    context = Maps.deepCopy(Objects.requireNonNull(context, "context is null"));
    Objects.requireNonNull(projectId, "projectId is null");
    Objects.requireNonNull(targetWorkerId, "target_worker_id is null");
    if (!targetWorkerId.isEmpty()) {
      targetWorkerId = Checks.nonBlank(targetWorkerId, "target_worker_id");
    }
    Objects.requireNonNull(createdAt, "createdAt is null");
  }

  public Handoff withTargetWorkerId(String id) {
    return new Handoff(sourceRole, targetRole, phase, reason, context, projectId, id, createdAt);
  }

  /** All eight keys. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source_role", sourceRole);
    m.put("target_role", targetRole);
    m.put("phase", phase);
    m.put("reason", reason);
    m.put("context", context);
    m.put("project_id", projectId.orElse(null));
    m.put("target_worker_id", targetWorkerId);
    m.put("created_at", Timestamps.format(createdAt));
    return m;
  }
}
