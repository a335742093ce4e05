package dev.agentdispatch.store.schedule;

import dev.agentdispatch.core.invocation.InvocationSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a due schedule, applied atomically: create the invocation (if firing) and move the
 * schedule to its next fire time — but only if the schedule is still due at {@code dueAt} (another
 * pass, or another node, may have handled it).
 *
 * @param invocation the invocation to create, with idempotency key {@code
 *     schedule:{id}:{fire_time}}
 */
public record ScheduleFire(
    String namespace,
    String scheduleId,
    Instant dueAt,
    Optional<InvocationSpec> invocation,
    Optional<Instant> fireTime,
    Optional<Instant> nextFireAt) {
  public ScheduleFire {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(scheduleId, "scheduleId is null");
    Objects.requireNonNull(dueAt, "dueAt is null");
    Objects.requireNonNull(invocation, "invocation is null");
    Objects.requireNonNull(fireTime, "fireTime is null");
    Objects.requireNonNull(nextFireAt, "nextFireAt is null");
  }
}
