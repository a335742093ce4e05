package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the server randomises retry backoff. */
public enum Jitter {
  /** A uniform delay between zero and the backoff (the default). */
  FULL,
  /** Half the backoff plus a uniform half. */
  EQUAL,
  /** Exactly the backoff. */
  NONE;

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
   * Parses a wire spelling case-insensitively.
   *
   * @param value the wire value
   * @return the jitter mode
   */
  @JsonCreator
  public static Jitter fromWire(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
