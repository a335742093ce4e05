package dev.agentdispatch.core.invocation;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/** How a retry delay is randomised around its exponential value. */
public enum Jitter implements WireEnum {
  /** Uniform in [0, delay]: spreads retries the most; the default (AWS "full jitter"). */
  FULL,
  /** Uniform in [delay/2, delay]. */
  EQUAL,
  /** Exactly the exponential delay. */
  NONE;

  /** Parses the wire form, case-insensitively; empty when it names no constant. */
  public static Optional<Jitter> parse(String value) {
    return WireEnum.parse(Jitter.class, value);
  }
}
