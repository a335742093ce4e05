package dev.agentdispatch.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler does with a schedule that is due: fire (at which nominal fire time) or skip,
 * and when it is next due. Pure, so the rules are testable apart from the store.
 *
 * @param fireTime the nominal fire time to fire for; empty means skip
 * @param skipped why nothing fires ({@code overlap}, {@code missed}), when nothing does
 * @param nextFireAt when the schedule is due next; empty when the expression never fires again
 */
public record FirePlan(
    Optional<Instant> fireTime, Optional<String> skipped, Optional<Instant> nextFireAt) {
  /**
   * A fire later than this after its nominal time counts as missed (the server was down or far
   * behind).
   */
  public static final Duration ON_TIME = Duration.ofSeconds(60);

  public FirePlan {
    Objects.requireNonNull(fireTime, "fireTime is null");
    Objects.requireNonNull(skipped, "skipped is null");
    Objects.requireNonNull(nextFireAt, "nextFireAt is null");
  }

  /**
   * @param dueAt the stored next fire time, at or before {@code now}
   * @param previousStillRunning whether the last fire's invocation has not ended
   */
  public static FirePlan plan(
      CronSchedule cron,
      Instant dueAt,
      Instant now,
      Catchup catchup,
      Overlap overlap,
      boolean previousStillRunning) {
    // Within the on-time window every fire time is fired, oldest first, one per pass. Past it (the
    // server
    // was down), the missed times are dropped or collapsed into one fire for the latest of them.
    boolean late = Duration.between(dueAt, now).compareTo(ON_TIME) > 0;
    Instant fireFor =
        late ? cron.lastAtOrBefore(now).filter(t -> !t.isBefore(dueAt)).orElse(dueAt) : dueAt;
    Optional<Instant> next = cron.nextAfter(late ? now : dueAt);
    if (late && catchup == Catchup.NONE) {
      return new FirePlan(Optional.empty(), Optional.of("missed"), next);
    }
    if (previousStillRunning && overlap == Overlap.SKIP) {
      return new FirePlan(Optional.empty(), Optional.of("overlap"), next);
    }
    return new FirePlan(Optional.of(fireFor), Optional.empty(), next);
  }
}
