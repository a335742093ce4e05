package dev.agentdispatch.core.invocation;

import java.util.Arrays;
import java.util.Optional;

/** The lifecycle status of an invocation (DESIGN §2). */
public enum InvocationStatus {
  PENDING,
  RUNNING,
  WAITING_FOR_INPUT,
  COMPLETED,
  ERROR,
  CANCELLED,
  TIMED_OUT;

  /** The lower-case form used on the wire and in the database. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True for the four statuses an invocation never leaves except by an explicit retry. */
  public boolean terminal() {
    return this == COMPLETED || this == ERROR || this == CANCELLED || this == TIMED_OUT;
  }

  /** Parses the wire form, case-insensitively (peer systems disagree on case). */
  public static Optional<InvocationStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.wire().equalsIgnoreCase(value)).findFirst();
  }
}
