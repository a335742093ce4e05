package dev.agentdispatch.runtime.lifecycle;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * An agent worker's lifecycle state. Transitions: IDLE → {INITIALIZING, FAILED, CANCELLED};
 * INITIALIZING → {WAITING_FOR_INPUT, RUNNING, FAILED, CANCELLED}; WAITING_FOR_INPUT → {RUNNING,
 * FAILED, CANCELLED}; RUNNING → {WAITING_FOR_INPUT, COMPLETED, FAILED, CANCELLED}. COMPLETED,
 * FAILED and CANCELLED are terminal.
 */
public enum AgentStatus {
  IDLE,
  INITIALIZING,
  WAITING_FOR_INPUT,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The wire value, e.g. {@code "waiting_for_input"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire value, e.g. {@code "waiting_for_input"}. */
  public static AgentStatus fromValue(String value) {
    java.util.Objects.requireNonNull(value, "status is null");
    for (AgentStatus s : values()) {
      if (s.value().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status must be a valid AgentStatus: " + value);
  }

  /** The states this one may move to. */
  public Set<AgentStatus> successors() {
    switch (this) {
      case IDLE:
        return EnumSet.of(INITIALIZING, FAILED, CANCELLED);
      case INITIALIZING:
        return EnumSet.of(WAITING_FOR_INPUT, RUNNING, FAILED, CANCELLED);
      case WAITING_FOR_INPUT:
        return EnumSet.of(RUNNING, FAILED, CANCELLED);
      case RUNNING:
        return EnumSet.of(WAITING_FOR_INPUT, COMPLETED, FAILED, CANCELLED);
      default:
        return EnumSet.noneOf(AgentStatus.class);
    }
  }

  public boolean canTransitionTo(AgentStatus target) {
    return successors().contains(target);
  }

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  @Override
  public String toString() {
    return value();
  }
}
