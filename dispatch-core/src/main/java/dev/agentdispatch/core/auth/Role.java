package dev.agentdispatch.core.auth;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/**
 * What an API key may do (DESIGN §12). Each role includes the ones below it; {@code admin} includes
 * them all.
 */
public enum Role implements WireEnum {
  /** Read anything in its namespace. */
  READ,
  /** Read, invoke, cancel, retry, publish. */
  CLIENT,
  /**
   * Read, register agents, lease, heartbeat, complete, report events, and what its handlers do:
   * invoke, publish, write memory and session state (for the agents its key names, if it names
   * any).
   */
  WORKER,
  /** Everything, including deleting agents. */
  ADMIN;

  /** True when a key with this role may perform an action that needs {@code needed}. */
  public boolean permits(Permission needed) {
    return switch (needed) {
      case READ -> true;
      // A worker's handlers invoke other agents, publish events, and write their agent's memory
      // and their sessions' state: an agent's own work needs what a client may do.
      case INVOKE -> this != READ;
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
