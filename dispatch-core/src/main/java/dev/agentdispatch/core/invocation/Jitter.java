package dev.agentdispatch.core.invocation;

import java.util.Arrays;
import java.util.Optional;

/** How a retry delay is randomised around its exponential value. */
public enum Jitter {
  /** Uniform in [0, delay]: spreads retries the most; the default (AWS "full jitter"). */
  FULL,
  /** Uniform in [delay/2, delay]. */
  EQUAL,
  /** Exactly the exponential delay. */
  NONE;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<Jitter> parse(String value) {
    return Arrays.stream(values()).filter(j -> j.wire().equalsIgnoreCase(value)).findFirst();
  }
}
