package dev.agentdispatch.runtime.internal;

import java.util.Objects;

/**
 * Argument checks shared by the runtime's records. The messages follow the Python library's wording
 * ("... must be finite", "... must be >= 0") so that users porting code recognise them.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code value.strip()}, failing when the value is null or blank. */
  public static String nonBlank(String value, String name) {
    Objects.requireNonNull(value, name + " is null");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(name + " must be a non-empty string");
    }
    return stripped;
  }

  /** Fails when the value is NaN or infinite. */
  public static double finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite");
    }
    return value;
  }

  /** Fails unless the value is finite and {@code >= 0}. */
  public static double nonNegative(double value, String name) {
    finite(value, name);
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }

  /** Fails unless the value is finite and {@code > 0}. */
  public static double positive(double value, String name) {
    finite(value, name);
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  /** Fails unless {@code value >= 0}. */
  public static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }

  /** Fails unless {@code value > 0}. */
  public static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }
}
