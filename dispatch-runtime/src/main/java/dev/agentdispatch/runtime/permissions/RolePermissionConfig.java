package dev.agentdispatch.runtime.permissions;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one role may do: its mode, an optional allow-list (absent means "any tool the mode permits")
 * and a deny-list. Names are stripped; blank names fail.
 */
public record RolePermissionConfig(
    String role,
    PermissionMode mode,
    Optional<List<String>> allowedTools,
    List<String> deniedTools) {

  public RolePermissionConfig {
    role = Checks.nonBlank(role, "role");
    Objects.requireNonNull(mode, "mode is null");
    allowedTools =
        Objects.requireNonNull(allowedTools, "allowedTools is null")
            .map(RolePermissionConfig::names);
    deniedTools = names(Objects.requireNonNull(deniedTools, "deniedTools is null"));
  }

  /** A role with a mode and no lists. */
  public RolePermissionConfig(String role, PermissionMode mode) {
    this(role, mode, Optional.empty(), List.of());
  }

  private static List<String> names(List<String> tools) {
    return tools.stream().map(t -> Checks.nonBlank(t, "tool name")).toList();
  }
}
