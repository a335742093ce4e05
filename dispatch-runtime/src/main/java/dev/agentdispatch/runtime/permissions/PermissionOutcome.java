package dev.agentdispatch.runtime.permissions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The answer of {@link PermissionPolicy#authorize}. */
public record PermissionOutcome(
    boolean allowed, Optional<String> reason, String activeMode, String requiredMode) {
  public PermissionOutcome {
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(activeMode, "activeMode is null");
    Objects.requireNonNull(requiredMode, "requiredMode is null");
  }

  static PermissionOutcome of(boolean allowed, String reason, String active, String required) {
    return new PermissionOutcome(allowed, Optional.of(reason), active, required);
  }

  /** The wire map; empty fields are omitted. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowed", allowed);
    reason.filter(r -> !r.isEmpty()).ifPresent(r -> m.put("reason", r));
    if (!activeMode.isEmpty()) {
      m.put("active_mode", activeMode);
    }
    if (!requiredMode.isEmpty()) {
      m.put("required_mode", requiredMode);
    }
    return m;
  }
}
