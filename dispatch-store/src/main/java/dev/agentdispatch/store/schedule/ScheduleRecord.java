package dev.agentdispatch.store.schedule;

import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.Overlap;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored schedule.
 *
 * @param declared true when it comes from a function's {@code schedule} trigger (kept in step with
 *     the agent's registration), false when created through the API
 * @param nextFireAt when it is next due; empty when the expression never fires again
 */
public record ScheduleRecord(
    String id,
    String namespace,
    String name,
    String agent,
    String function,
    String cron,
    String timezone,
    String payloadJson,
    boolean paused,
    Overlap overlap,
    Catchup catchup,
    boolean declared,
    Optional<Instant> nextFireAt,
    Optional<Instant> lastFireAt,
    Optional<String> lastInvocationId,
    Instant createdAt,
    Instant updatedAt) {
  public ScheduleRecord {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(cron, "cron is null");
    Objects.requireNonNull(timezone, "timezone is null");
    Objects.requireNonNull(payloadJson, "payloadJson is null");
    Objects.requireNonNull(overlap, "overlap is null");
    Objects.requireNonNull(catchup, "catchup is null");
    Objects.requireNonNull(nextFireAt, "nextFireAt is null");
    Objects.requireNonNull(lastFireAt, "lastFireAt is null");
    Objects.requireNonNull(lastInvocationId, "lastInvocationId is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
  }
}
