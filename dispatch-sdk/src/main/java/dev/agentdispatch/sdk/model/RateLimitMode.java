package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the server does with an invocation over a {@link RateLimit}. */
public enum RateLimitMode {
  /**
   * Refuses it: {@code POST /invocations} answers 429 {@code rate_limited} with a {@code
   * Retry-After} header and stores nothing (the default).
   */
  REJECT,
  /**
   * Accepts it with a later {@code available_at}, when its token is due; refuses it with 429 when
   * that is more than an hour away.
   */
  THROTTLE,
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
  public static RateLimitMode fromWire(String value) {
    return WireEnums.parse(RateLimitMode.class, value, UNKNOWN);
  }
}
