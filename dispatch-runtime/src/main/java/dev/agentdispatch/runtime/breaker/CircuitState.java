package dev.agentdispatch.runtime.breaker;

import java.util.Locale;

/** The three breaker states. */
public enum CircuitState {
  CLOSED,
  OPEN,
  HALF_OPEN;

  /** The wire value, e.g. {@code "half_open"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value();
  }
}
