package dev.agentdispatch.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FirePlanTest {
  private final CronSchedule everyMinute = CronSchedule.parse("* * * * *", "UTC");
  private final Instant due = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void onTimeFireFiresItsOwnTimeAndMovesToTheNext() {
    FirePlan plan =
        FirePlan.plan(everyMinute, due, due.plusMillis(300), Catchup.ONE, Overlap.ALLOW, false);
    assertThat(plan.fireTime()).contains(due);
    assertThat(plan.nextFireAt()).contains(due.plusSeconds(60));
  }

  @Test
  void aFewSecondsBehindStillFiresEachTimeInTurn() {
    FirePlan plan =
        FirePlan.plan(everyMinute, due, due.plusSeconds(59), Catchup.NONE, Overlap.ALLOW, false);
    assertThat(plan.fireTime()).contains(due);
    assertThat(plan.nextFireAt()).contains(due.plusSeconds(60));
  }

  @Test
  void afterDowntimeCatchupOneFiresOnceForTheLatestMissedTime() {
    Instant now = due.plusSeconds(3600 + 20);
    FirePlan plan = FirePlan.plan(everyMinute, due, now, Catchup.ONE, Overlap.ALLOW, false);
    assertThat(plan.fireTime()).contains(due.plusSeconds(3600));
    assertThat(plan.nextFireAt()).contains(due.plusSeconds(3660));
  }

  @Test
  void afterDowntimeCatchupNoneSkipsToTheNextTime() {
    Instant now = due.plusSeconds(3600 + 20);
    FirePlan plan = FirePlan.plan(everyMinute, due, now, Catchup.NONE, Overlap.ALLOW, false);
    assertThat(plan.fireTime()).isEmpty();
    assertThat(plan.skipped()).contains("missed");
    assertThat(plan.nextFireAt()).contains(due.plusSeconds(3660));
  }

  @Test
  void overlapSkipSkipsWhileThePreviousRunIsActive() {
    FirePlan plan = FirePlan.plan(everyMinute, due, due, Catchup.ONE, Overlap.SKIP, true);
    assertThat(plan.fireTime()).isEmpty();
    assertThat(plan.skipped()).contains("overlap");
    assertThat(FirePlan.plan(everyMinute, due, due, Catchup.ONE, Overlap.ALLOW, true).fireTime())
        .contains(due);
  }
}
