package dev.agentdispatch.runtime.events;

import java.util.Locale;
import java.util.Objects;

/** The status an agent event reports. */
public enum AgentEventStatus {
  RUNNING,
  READY,
  BLOCKED,
  GREEN,
  RED,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The wire value, e.g. {@code "running"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire value. */
  public static AgentEventStatus fromValue(String value) {
    Objects.requireNonNull(value, "status is null");
    for (AgentEventStatus s : values()) {
      if (s.value().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status must be a valid AgentEventStatus: " + value);
  }

  @Override
  public String toString() {
    return value();
  }
}
