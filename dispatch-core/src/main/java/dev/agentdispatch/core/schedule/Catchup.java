package dev.agentdispatch.core.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happens to fire times missed while no server ran. */
public enum Catchup {
  /** Fire once for all missed fire times. */
  ONE,
  /** Drop missed fire times; wait for the next one. */
  NONE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Catchup> parse(String value) {
    return Arrays.stream(values()).filter(v -> v.wire().equalsIgnoreCase(value)).findFirst();
  }
}
