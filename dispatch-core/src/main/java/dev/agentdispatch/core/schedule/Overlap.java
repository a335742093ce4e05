package dev.agentdispatch.core.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a fire does while the previous fire's invocation is still running. */
public enum Overlap {
  /** Skip this fire. */
  SKIP,
  /** Fire anyway. */
  ALLOW;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Overlap> parse(String value) {
    return Arrays.stream(values()).filter(v -> v.wire().equalsIgnoreCase(value)).findFirst();
  }
}
