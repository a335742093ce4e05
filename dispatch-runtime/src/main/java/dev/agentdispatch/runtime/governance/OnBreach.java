package dev.agentdispatch.runtime.governance;

import java.util.Locale;
import java.util.Objects;

/** What a breached governance limit does: stop the session, or only report. */
public enum OnBreach {
  /** Emit {@code governance.breach} and throw {@link GovernanceBreachException} (the default). */
  TERMINATE,
  /** Emit {@code governance.alert} and go on. */
  ALERT;

  /** The wire value, {@code "terminate"} or {@code "alert"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire value. */
  public static OnBreach fromValue(String value) {
    Objects.requireNonNull(value, "on_breach is null");
    for (OnBreach b : values()) {
      if (b.value().equals(value)) {
        return b;
      }
    }
    throw new IllegalArgumentException("on_breach must be 'terminate' or 'alert', got " + value);
  }

  @Override
  public String toString() {
    return value();
  }
}
