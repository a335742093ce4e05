package dev.agentdispatch.runtime.checkpoint;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.internal.Json;
import dev.agentdispatch.runtime.internal.Maps;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The saved result of one step of a thread, by key: what a tool memoises so that a resumed run does
 * not redo it. The value is any JSON value (map, list, string, number, boolean), copied in and out
 * through JSON, so it cannot be changed behind the saver's back.
 */
public record StepCheckpoint(
    String threadId,
    String stepKey,
    Instant createdAt,
    Optional<Object> value,
    Map<String, Object> metadata) {

  /** Oldest first: created_at, then step key. */
  public static final Comparator<StepCheckpoint> BY_CREATION =
      Comparator.comparing(StepCheckpoint::createdAt).thenComparing(StepCheckpoint::stepKey);

  public StepCheckpoint {
    threadId = Checks.nonBlank(threadId, "thread_id");
    stepKey = Checks.nonBlank(stepKey, "step_key");
    Objects.requireNonNull(createdAt, "createdAt is null");
    value = Objects.requireNonNull(value, "value is null").map(v -> Json.readValue(Json.write(v)));
    metadata = Maps.deepCopy(Objects.requireNonNull(metadata, "metadata is null"));
  }
}
