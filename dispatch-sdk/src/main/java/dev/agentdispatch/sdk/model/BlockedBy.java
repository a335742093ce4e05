package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why flow control holds a due, pending invocation back ({@code blocked_by} of {@code GET
 * /invocations/{id}}). An invocation that only waits for a worker has none.
 */
public enum BlockedBy {
  /** Its agent is paused. */
  PAUSED_AGENT("paused:agent"),
  /** Its function is paused. */
  PAUSED_FUNCTION("paused:function"),
  /** Its {@code concurrency_key} has no free slot under the function's {@code key_concurrency}. */
  CONCURRENCY_KEY("concurrency:key"),
  /** Its agent runs as many invocations as its {@code max_concurrency}. */
  CONCURRENCY_AGENT("concurrency:agent"),
  /** Its function runs as many invocations as its {@code max_concurrency}. */
  CONCURRENCY_FUNCTION("concurrency:function"),
  /**
   * Its lane runs as many invocations as its {@code max_concurrency}, or the agent's free slots are
   * reserved for other lanes (see {@link LaneSpec}).
   */
  CONCURRENCY_LANE("concurrency:lane"),
  /**
   * Its execution class (its lane, or the default lane) is degraded in {@link DegradeMode#PAUSE}
   * mode, or in {@link DegradeMode#SLOW} mode with an attempt already running (see {@link
   * DegradePolicy}).
   */
  DEGRADED_LANE("degraded:lane"),
  /** A reason this SDK does not know yet (sent by a newer server). */
  UNKNOWN("unknown");

  private final String wire;

  BlockedBy(String wire) {
    this.wire = wire;
  }

  /**
   * Returns the wire spelling.
   *
   * @return e.g. {@code concurrency:key}
   */
  @JsonValue
  public String wireName() {
    return wire;
  }

  /**
   * Parses a wire spelling case-insensitively; unknown spellings give {@link #UNKNOWN}.
   *
   * @param value the wire value
   * @return the reason
   */
  @JsonCreator
  public static BlockedBy fromWire(String value) {
    if (value != null) {
      String wanted = value.trim().toLowerCase(Locale.ROOT);
      for (BlockedBy b : values()) {
        if (b.wire.equals(wanted)) {
          return b;
        }
      }
    }
    return UNKNOWN;
  }
}
