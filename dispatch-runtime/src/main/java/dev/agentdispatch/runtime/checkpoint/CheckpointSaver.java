package dev.agentdispatch.runtime.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores checkpoints per thread. Every implementation orders identically: newest first by
 * (created_at, id) descending.
 */
public interface CheckpointSaver {
  /** Default page size of {@link #list}. */
  int DEFAULT_LIST_LIMIT = 10;

  /** The latest checkpoint of the thread. */
  Optional<Checkpoint> get(String threadId);

  /** One checkpoint by id. */
  Optional<Checkpoint> get(String threadId, String id);

  /** Saves a new checkpoint with a fresh uuid4-hex id. */
  Checkpoint put(
      String threadId,
      Map<String, Object> state,
      Optional<String> parentId,
      Map<String, Object> metadata);

  /**
   * Newest first, at most {@code limit} (a limit {@code <= 0} returns nothing). With {@code
   * before}, only checkpoints strictly older than that one; an unknown {@code before} returns
   * nothing.
   */
  List<Checkpoint> list(String threadId, Optional<String> before, int limit);

  default List<Checkpoint> list(String threadId) {
    return list(threadId, Optional.empty(), DEFAULT_LIST_LIMIT);
  }

  /** Removes every checkpoint of the thread. */
  void delete(String threadId);
}
