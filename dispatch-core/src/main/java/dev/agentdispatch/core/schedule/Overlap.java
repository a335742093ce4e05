package dev.agentdispatch.core.schedule;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/** What a fire does while the previous fire's invocation is still running. */
public enum Overlap implements WireEnum {
  /** Skip this fire. */
  SKIP,
  /** Fire anyway. */
  ALLOW;

  /** Parses the wire form, case-insensitively; empty when it names no constant. */
  public static Optional<Overlap> parse(String value) {
    return WireEnum.parse(Overlap.class, value);
  }
}
