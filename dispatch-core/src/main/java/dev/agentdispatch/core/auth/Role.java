package dev.agentdispatch.core.auth;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/**
 * What an API key may do (DESIGN §12). Each role includes the ones below it except {@code worker}.
 */
public enum Role implements WireEnum {
  /** Read anything in its namespace. */
  READ,
  /** Read, invoke, cancel, retry, publish. */
  CLIENT,
  /** Read, register agents, lease, heartbeat, complete, report events. */
  WORKER,
  /** Everything, including deleting agents. */
  ADMIN;

  /** True when a key with this role may perform an action that needs {@code needed}. */
  public boolean permits(Permission needed) {
    return switch (needed) {
      case READ -> true;
      case INVOKE -> this == CLIENT || this == ADMIN;
      case WORK -> this == WORKER || this == ADMIN;
      case CALL_MODELS -> this != READ;
      case ADMINISTER -> this == ADMIN;
    };
  }

  /** Parses the wire form, case-insensitively; empty when it names no constant. */
  public static Optional<Role> parse(String value) {
    return WireEnum.parse(Role.class, value);
  }
}
