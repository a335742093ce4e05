package dev.agentdispatch.server.doors.v1.schedules;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import java.time.Instant;

/** A schedule as the API shows it. */
public record ScheduleView(
    String id,
    String name,
    String agent,
    String function,
    String cron,
    String timezone,
    @JsonRawValue String payload,
    boolean paused,
    String overlap,
    String catchup,
    boolean declared,
    Instant nextFireAt,
    Instant lastFireAt,
    String lastInvocationId,
    Instant createdAt,
    Instant updatedAt) {
  public static ScheduleView of(ScheduleRecord s) {
    return new ScheduleView(
        s.id(),
        s.name(),
        s.agent(),
        s.function(),
        s.cron(),
        s.timezone(),
        s.payloadJson(),
        s.paused(),
        s.overlap().wire(),
        s.catchup().wire(),
        s.declared(),
        s.nextFireAt().orElse(null),
        s.lastFireAt().orElse(null),
        s.lastInvocationId().orElse(null),
        s.createdAt(),
        s.updatedAt());
  }
}
