package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the server does with a degraded execution class (see {@link DegradePolicy}). */
public enum DegradeMode {
  /**
   * Nothing of the class is leased until an operator resets it ({@link
   * dev.agentdispatch.sdk.client.DispatchClient#resetClass(String, java.util.Optional)}); its due
   * invocations wait pending with {@code blocked_by} {@code degraded:lane} (the default).
   */
  PAUSE,
  /**
   * One attempt of the class runs at a time; one completed attempt clears it (a reset does too).
   */
  SLOW,
  /** A mode this SDK does not know yet (sent by a newer server); the server refuses it back. */
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
   * @return the mode
   */
  @JsonCreator
  public static DegradeMode fromWire(String value) {
    return WireEnums.parse(DegradeMode.class, value, UNKNOWN);
  }
}
