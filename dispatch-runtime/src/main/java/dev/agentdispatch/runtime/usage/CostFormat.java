package dev.agentdispatch.runtime.usage;

import java.util.Locale;

/** Formats dollar amounts: four decimals below one cent, else two ("$0.0042", "$1.25"). */
public final class CostFormat {
  private CostFormat() {}

  public static String format(double usd) {
    return String.format(Locale.ROOT, usd < 0.01 ? "$%.4f" : "$%.2f", usd);
  }

  /** Dollars as integer micro-dollars, the unit the usage limits compare in. */
  public static long toMicros(double usd) {
    return Math.round(usd * 1_000_000d);
  }
}
