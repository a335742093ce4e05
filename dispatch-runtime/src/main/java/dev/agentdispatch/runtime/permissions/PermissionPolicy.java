package dev.agentdispatch.runtime.permissions;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which role may call which tool. {@link #authorize} is deny-first: unknown role → default (allow
 * unless {@code defaultAllowUnknownRoles} is false); explicit deny; mode below the tool's
 * requirement (READ_ONLY when unlisted); not in the allow-list; else allowed. Tool names compare
 * case-insensitively, role names case-sensitively after strip.
 */
public final class PermissionPolicy {
  private final Map<String, RolePermissionConfig> roles;
  private final Map<String, PermissionMode> toolRequirements;
  private final boolean defaultAllowUnknownRoles;

  public PermissionPolicy(
      Map<String, RolePermissionConfig> roleConfigs,
      Map<String, PermissionMode> toolRequirements,
      boolean defaultAllowUnknownRoles) {
    Objects.requireNonNull(roleConfigs, "roleConfigs is null");
    roleConfigs.forEach((key, config) -> {
      if (!key.strip().equals(config.role())) {
        throw new IllegalArgumentException(
            "role_configs key '" + key + "' does not match config.role '" + config.role() + "'");
      }
    });
    this.roles =
        roleConfigs.values().stream()
            .collect(Collectors.toUnmodifiableMap(RolePermissionConfig::role, c -> c));
    this.toolRequirements =
        Objects.requireNonNull(toolRequirements, "toolRequirements is null").entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> lower(e.getKey()), Map.Entry::getValue));
    this.defaultAllowUnknownRoles = defaultAllowUnknownRoles;
  }

  /** Unknown roles are allowed. */
  public PermissionPolicy(
      Map<String, RolePermissionConfig> roleConfigs, Map<String, PermissionMode> toolRequirements) {
    this(roleConfigs, toolRequirements, true);
  }

  public PermissionOutcome authorize(String role, String tool) {
    String r = Objects.requireNonNull(role, "role is null").strip();
    String t = Objects.requireNonNull(tool, "tool is null").strip();
    RolePermissionConfig config = roles.get(r);
    if (config == null) {
      return defaultAllowUnknownRoles
          ? new PermissionOutcome(true, Optional.of("no config for role, default allow"), "", "")
          : PermissionOutcome.of(false, "no config for role, default deny", "N/A", "N/A");
    }
    String active = config.mode().name();
    if (config.deniedTools().stream().anyMatch(d -> d.equalsIgnoreCase(t))) {
      return PermissionOutcome.of(
          false, "tool '" + t + "' is explicitly denied for role '" + r + "'", active, "N/A");
    }
    PermissionMode required = toolRequirements.getOrDefault(lower(t), PermissionMode.READ_ONLY);
    if (config.mode().isBelow(required)) {
      return PermissionOutcome.of(
          false,
          "role '" + r + "' has " + active + " but tool requires " + required.name(),
          active,
          required.name());
    }
    if (config.allowedTools().isPresent()
        && config.allowedTools().get().stream().noneMatch(a -> a.equalsIgnoreCase(t))) {
      return PermissionOutcome.of(
          false,
          "tool '" + t + "' not in allowed list for role '" + r + "'",
          active,
          required.name());
    }
    return new PermissionOutcome(true, Optional.empty(), active, required.name());
  }

  private static String lower(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
