package dev.agentdispatch.runtime.permissions;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Applies a {@link PermissionPolicy}. */
public final class PermissionEnforcer {
  private final PermissionPolicy policy;

  public PermissionEnforcer(PermissionPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy is null");
  }

  public PermissionOutcome check(String role, String tool) {
    return policy.authorize(role, tool);
  }

  public boolean isAllowed(String role, String tool) {
    return check(role, tool).allowed();
  }

  /** The tools the role may call, named by {@code nameOf} (Python uses {@code __name__}). */
  public <T> List<T> filterTools(String role, List<T> tools, Function<T, String> nameOf) {
    return tools.stream().filter(t -> isAllowed(role, nameOf.apply(t))).toList();
  }
}
