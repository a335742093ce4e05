package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Health of an agent as the server sees it. */
public enum AgentStatus {
  /** Workers heartbeat recently. */
  HEALTHY,
  /** No recent heartbeat. */
  UNHEALTHY,
  /** Turned off by a person. */
  DISABLED,
  /** A status this SDK does not know yet. */
  UNKNOWN;

  /**
   * Returns the wire spelling.
   *
   * @return the lower-case name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire spelling case-insensitively; unknown spellings give {@link #UNKNOWN}.
   *
   * @param value the wire value
   * @return the status
   */
  @JsonCreator
  public static AgentStatus fromWire(String value) {
    return WireEnums.parse(AgentStatus.class, value, UNKNOWN);
  }
}
