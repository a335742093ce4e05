package dev.agentdispatch.store.task;

import dev.agentdispatch.core.task.TaskStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision about a task: what happened, the status it left, and why.
 *
 * @param detailsJson more about it as JSON, e.g. the words a task type was inferred from
 */
public record TaskHistoryEntry(
    int seq,
    Instant at,
    String event,
    TaskStatus status,
    String reason,
    Optional<String> detailsJson) {
  public TaskHistoryEntry {
    Objects.requireNonNull(at, "at is null");
    Objects.requireNonNull(event, "event is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(detailsJson, "detailsJson is null");
  }
}
