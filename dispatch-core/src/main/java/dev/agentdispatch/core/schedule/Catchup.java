package dev.agentdispatch.core.schedule;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/** What happens to fire times missed while no server ran. */
public enum Catchup implements WireEnum {
  /** Fire once for all missed fire times. */
  ONE,
  /** Drop missed fire times; wait for the next one. */
  NONE;

  /** Parses the wire form, case-insensitively; empty when it names no constant. */
  public static Optional<Catchup> parse(String value) {
    return WireEnum.parse(Catchup.class, value);
  }
}
