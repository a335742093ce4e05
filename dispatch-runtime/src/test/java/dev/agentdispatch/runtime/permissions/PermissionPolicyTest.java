package dev.agentdispatch.runtime.permissions;

import static dev.agentdispatch.runtime.permissions.PermissionMode.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PermissionPolicyTest {
  private final PermissionPolicy policy =
      new PermissionPolicy(
          Map.of(
              "reader", new RolePermissionConfig("reader", READ_ONLY),
              "writer",
                  new RolePermissionConfig(
                      "writer",
                      WORKSPACE_WRITE,
                      Optional.of(List.of("Edit", "read")),
                      List.of("Delete")),
              "admin",
                  new RolePermissionConfig(
                      "admin", FULL_ACCESS, Optional.empty(), List.of("delete"))),
          Map.of("EDIT", WORKSPACE_WRITE, "delete", FULL_ACCESS, "shell", FULL_ACCESS));

  @Test
  void modesAreOrdered() {
    assertThat(READ_ONLY.level()).isEqualTo(1);
    assertThat(WORKSPACE_WRITE.level()).isEqualTo(2);
    assertThat(FULL_ACCESS.level()).isEqualTo(3);
    assertThat(READ_ONLY.isBelow(WORKSPACE_WRITE)).isTrue();
    assertThat(WORKSPACE_WRITE.isBelow(FULL_ACCESS)).isTrue();
    assertThat(FULL_ACCESS.isBelow(FULL_ACCESS)).isFalse();
  }

  @Test
  void denyFirstAlgorithmWithItsMessages() {
    assertThat(policy.authorize("ghost", "x").reason())
        .contains("no config for role, default allow");
    assertThat(policy.authorize("ghost", "x").allowed()).isTrue();

    PermissionOutcome denied = policy.authorize("admin", "DELETE");
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.reason()).contains("tool 'DELETE' is explicitly denied for role 'admin'");
    assertThat(denied.activeMode()).isEqualTo("FULL_ACCESS");
    assertThat(denied.requiredMode()).isEqualTo("N/A");

    // deny beats mode: writer is below FULL_ACCESS for delete, but the deny list is checked first
    assertThat(policy.authorize("writer", "delete").reason())
        .contains("tool 'delete' is explicitly denied for role 'writer'");

    PermissionOutcome tooLow = policy.authorize("reader", "edit");
    assertThat(tooLow.reason())
        .contains("role 'reader' has READ_ONLY but tool requires WORKSPACE_WRITE");
    assertThat(tooLow.requiredMode()).isEqualTo("WORKSPACE_WRITE");

    assertThat(policy.authorize("writer", "search").reason())
        .contains("tool 'search' not in allowed list for role 'writer'");
    PermissionOutcome ok = policy.authorize("writer", "edit");
    assertThat(ok.allowed()).isTrue();
    assertThat(ok.toMap())
        .containsEntry("active_mode", "WORKSPACE_WRITE")
        .containsEntry("required_mode", "WORKSPACE_WRITE")
        .doesNotContainKey("reason");
    assertThat(policy.authorize("Reader", "x").reason())
        .contains("no config for role, default allow"); // case-sensitive roles
  }

  @Test
  void failClosedForUnknownRoles() {
    PermissionPolicy closed = new PermissionPolicy(Map.of(), Map.of(), false);
    PermissionOutcome o = closed.authorize("ghost", "x");
    assertThat(o.allowed()).isFalse();
    assertThat(o.reason()).contains("no config for role, default deny");
    assertThat(o.activeMode()).isEqualTo("N/A");
  }

  @Test
  void validationAndEnforcer() {
    assertThatThrownBy(() -> new RolePermissionConfig(" ", READ_ONLY)).hasMessageContaining("role");
    assertThatThrownBy(() ->
            new PermissionPolicy(Map.of("a", new RolePermissionConfig("b", READ_ONLY)), Map.of()))
        .hasMessageContaining("does not match");
    PermissionEnforcer enforcer = new PermissionEnforcer(policy);
    assertThat(enforcer.filterTools("reader", List.of("search", "edit", "shell"), s -> s))
        .containsExactly("search");
  }
}
