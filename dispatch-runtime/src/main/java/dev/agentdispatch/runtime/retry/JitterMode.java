package dev.agentdispatch.runtime.retry;

import java.util.Locale;
import java.util.Objects;

/** How {@link Backoff} randomises a delay. */
public enum JitterMode {
  /** {@code min(cap, base^attempt)}, no randomness. */
  NONE,
  /** {@code uniform(0, capExp)}. */
  FULL,
  /** {@code capExp/2 + uniform(0, capExp/2)}. */
  EQUAL,
  /** {@code min(cap, uniform(base, max(base, 3*anchor)))}; the default. */
  DECORRELATED;

  /** The wire value, e.g. {@code "decorrelated"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire value; anything else fails with "unknown jitter mode". */
  public static JitterMode fromValue(String value) {
    Objects.requireNonNull(value, "jitter is null");
    for (JitterMode m : values()) {
      if (m.value().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown jitter mode: '" + value + "'");
  }

  /** The Python boolean shorthand: {@code true} is full jitter, {@code false} none. */
  public static JitterMode fromBoolean(boolean jitter) {
    return jitter ? FULL : NONE;
  }
}
