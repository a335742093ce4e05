package dev.agentdispatch.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron expression in a time zone: 5-field Unix cron, or 6 fields with leading seconds (DESIGN
 * §5). Fire times follow cron-utils' zone rules: on a spring-forward day a wall-clock time that
 * does not exist (02:30 in New York on 2026-03-08) does not fire at all; on a fall-back day a time
 * that exists twice fires once.
 */
public final class CronSchedule {
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime executions;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime executions) {
    this.expression = expression;
    this.zone = zone;
    this.executions = executions;
  }

  /**
   * Parses {@code expression} in {@code timezone} (an IANA zone id).
   *
   * @throws IllegalArgumentException naming what is wrong with the expression or the zone
   */
  public static CronSchedule parse(String expression, String timezone) {
    Objects.requireNonNull(expression, "expression is null");
    ZoneId zone = zone(timezone);
    String trimmed = expression.trim();
    int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    CronParser parser =
        switch (fields) {
          case 5 -> UNIX;
          case 6 -> WITH_SECONDS;
          default ->
              throw new IllegalArgumentException(
                  "cron '"
                      + expression
                      + "' has "
                      + fields
                      + " fields: use 5 (minute hour day-of-month month day-of-week) or 6 (with leading seconds)");
        };
    try {
      Cron cron = parser.parse(trimmed);
      cron.validate();
      CronSchedule schedule = new CronSchedule(trimmed, zone, ExecutionTime.forCron(cron));
      // A valid expression may still name no real time (the 30th of February): refuse it rather
      // than store a schedule that never fires.
      if (schedule.nextAfter(Instant.now()).isEmpty()) {
        throw new IllegalArgumentException("it never fires (no date matches it)");
      }
      return schedule;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cron '" + expression + "' is invalid: " + e.getMessage(), e);
    }
  }

  /** Parses an IANA zone id, e.g. {@code Europe/Berlin}. */
  public static ZoneId zone(String timezone) {
    try {
      return ZoneId.of(Objects.requireNonNull(timezone, "timezone is null"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "timezone '" + timezone + "' is not an IANA time zone (e.g. UTC, Europe/Berlin)", e);
    }
  }

  /** The first fire time strictly after {@code after}, if the expression ever fires again. */
  public Optional<Instant> nextAfter(Instant after) {
    // cron-utils carries the input's fraction of a second into its answer; fire times are whole
    // seconds.
    Instant second = after.truncatedTo(ChronoUnit.SECONDS);
    return executions
        .nextExecution(second.atZone(zone))
        .map(z -> z.toInstant().truncatedTo(ChronoUnit.SECONDS))
        .filter(t -> t.isAfter(after));
  }

  /** The last fire time at or before {@code atOrBefore}, if any. */
  public Optional<Instant> lastAtOrBefore(Instant atOrBefore) {
    // lastExecution is strictly before its argument, so ask from the next whole second.
    Instant nextSecond = atOrBefore.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    return executions
        .lastExecution(nextSecond.atZone(zone))
        .map(z -> z.toInstant().truncatedTo(ChronoUnit.SECONDS))
        .filter(t -> !t.isAfter(atOrBefore));
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }
}
