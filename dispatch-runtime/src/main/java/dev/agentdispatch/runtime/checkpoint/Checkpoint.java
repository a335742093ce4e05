package dev.agentdispatch.runtime.checkpoint;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.internal.Maps;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A saved JSON state of a thread, with an optional parent and free-form metadata. */
public record Checkpoint(
    String id,
    String threadId,
    Instant createdAt,
    Map<String, Object> state,
    Optional<String> parentId,
    Map<String, Object> metadata) {

  /** Newest first: created_at descending, then id descending. */
  public static final Comparator<Checkpoint> NEWEST_FIRST =
      Comparator.comparing(Checkpoint::createdAt).thenComparing(Checkpoint::id).reversed();

  public Checkpoint {
    id = Checks.nonBlank(id, "id");
    threadId = Checks.nonBlank(threadId, "thread_id");
    Objects.requireNonNull(createdAt, "createdAt is null");
    state = Maps.deepCopy(Objects.requireNonNull(state, "state is null"));
    Objects.requireNonNull(parentId, "parentId is null");
    metadata = Maps.deepCopy(Objects.requireNonNull(metadata, "metadata is null"));
  }
}
