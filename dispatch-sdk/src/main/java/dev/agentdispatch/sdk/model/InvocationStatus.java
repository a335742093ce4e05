package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Status of an invocation. The last four are terminal. */
public enum InvocationStatus {
  /** Queued, waiting for a worker (or for its retry backoff or delay). */
  PENDING,
  /** Leased by a worker. */
  RUNNING,
  /** Paused until an input arrives. */
  WAITING_FOR_INPUT,
  /** Finished with a result. */
  COMPLETED,
  /** Failed for good (attempts exhausted or a non-retryable error). */
  ERROR,
  /** Cancelled by a person or a parent. */
  CANCELLED,
  /** Passed its overall deadline. */
  TIMED_OUT,
  /** A status this SDK does not know yet (sent by a newer server). */
  UNKNOWN;

  /**
   * Tells whether the invocation will not change any more.
   *
   * @return true for completed, error, cancelled and timed_out
   */
  public boolean isTerminal() {
    return this == COMPLETED || this == ERROR || this == CANCELLED || this == TIMED_OUT;
  }

  /**
   * Returns the wire spelling, e.g. {@code timed_out}.
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
  public static InvocationStatus fromWire(String value) {
    return WireEnums.parse(InvocationStatus.class, value, UNKNOWN);
  }
}
