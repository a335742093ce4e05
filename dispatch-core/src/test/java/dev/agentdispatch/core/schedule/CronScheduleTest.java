package dev.agentdispatch.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final ZoneId NY = ZoneId.of("America/New_York");

  @Test
  void fiveAndSixFieldExpressions() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(CronSchedule.parse("*/5 * * * *", "UTC").nextAfter(t))
        .contains(Instant.parse("2026-01-01T00:05:00Z"));
    assertThat(CronSchedule.parse("*/2 * * * * *", "UTC").nextAfter(t))
        .contains(Instant.parse("2026-01-01T00:00:02Z"));
    assertThat(CronSchedule.parse("0 9 * * MON-FRI", "Europe/Berlin").nextAfter(t))
        .contains(Instant.parse("2026-01-01T08:00:00Z"));
  }

  @Test
  void fireTimesAreWholeSecondsWhateverTheInput() {
    Instant t = Instant.parse("2026-01-01T00:00:00.657Z");
    CronSchedule everySecond = CronSchedule.parse("* * * * * *", "UTC");
    assertThat(everySecond.nextAfter(t)).contains(Instant.parse("2026-01-01T00:00:01Z"));
    assertThat(everySecond.lastAtOrBefore(t)).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(CronSchedule.parse("*/5 * * * *", "UTC").lastAtOrBefore(t.plusSeconds(400)))
        .contains(Instant.parse("2026-01-01T00:05:00Z"));
  }

  @Test
  void badExpressionsAndZonesNameTheProblem() {
    assertThatThrownBy(() -> CronSchedule.parse("* * *", "UTC"))
        .hasMessageContaining("has 3 fields");
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", "UTC"))
        .hasMessageContaining("cron '61 * * * *' is invalid");
    assertThatThrownBy(() -> CronSchedule.parse("* * * * *", "Mars/Olympus"))
        .hasMessageContaining("not an IANA time zone");
  }

  @Test
  void springForwardDaySkipsTheWallClockTimeThatDoesNotExist() {
    // 2026-03-08: New York clocks jump from 02:00 to 03:00; 02:30 does not exist that day, and
    // cron-utils
    // does not fire it: the fire after the 7th's is the 9th's. A 03:30 job is not affected.
    CronSchedule daily = CronSchedule.parse("30 2 * * *", "America/New_York");
    Instant seventh = ZonedDateTime.of(2026, 3, 7, 2, 30, 0, 0, NY).toInstant();
    assertThat(daily.nextAfter(seventh))
        .contains(ZonedDateTime.of(2026, 3, 9, 2, 30, 0, 0, NY).toInstant());
    CronSchedule later = CronSchedule.parse("30 3 * * *", "America/New_York");
    assertThat(later.nextAfter(seventh.plusSeconds(3600)))
        .contains(Instant.parse("2026-03-08T07:30:00Z"));
  }

  @Test
  void fallBackDayFiresOnceNotTwice() {
    // 2026-11-01: New York clocks fall back from 02:00 to 01:00; 01:30 happens twice.
    CronSchedule daily = CronSchedule.parse("30 1 * * *", "America/New_York");
    Instant start = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, NY).toInstant();
    Instant end = ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, NY).toInstant();
    int fires = 0;
    for (Instant t = start; ; ) {
      Instant next = daily.nextAfter(t).orElseThrow();
      if (!next.isBefore(end)) {
        break;
      }
      fires++;
      t = next;
    }
    assertThat(fires).isEqualTo(1);
  }

  @Test
  void anExpressionThatNeverFiresIsRefused() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *", "UTC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never fires");
    assertThat(CronSchedule.parse("0 0 29 2 *", "UTC").nextAfter(Instant.now())).isPresent();
  }
}
