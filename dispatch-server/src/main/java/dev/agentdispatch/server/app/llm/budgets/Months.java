package dev.agentdispatch.server.app.llm.budgets;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Budget periods: calendar months in UTC, whatever the server's or the caller's time zone. */
public final class Months {
  private Months() {}

  /** The month {@code at} falls in. */
  public static YearMonth of(Instant at) {
    return YearMonth.from(at.atOffset(ZoneOffset.UTC));
  }

  /** When {@code month}'s budgets reset: the first of the next month, 00:00 UTC. */
  public static Instant resetsAt(YearMonth month) {
    return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
