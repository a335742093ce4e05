package dev.agentdispatch.runtime.permissions;

/** Ordered access levels: READ_ONLY(1) &lt; WORKSPACE_WRITE(2) &lt; FULL_ACCESS(3). */
public enum PermissionMode {
  READ_ONLY(1),
  WORKSPACE_WRITE(2),
  FULL_ACCESS(3);

  private final int level;

  PermissionMode(int level) {
    this.level = level;
  }

  /** The integer level of the Python IntEnum. */
  public int level() {
    return level;
  }

  /** {@code this < other} by level. */
  public boolean isBelow(PermissionMode other) {
    return level < other.level;
  }
}
