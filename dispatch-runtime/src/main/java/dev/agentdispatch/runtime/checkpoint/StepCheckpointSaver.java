package dev.agentdispatch.runtime.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CheckpointSaver} that also keeps step results by key, for memoisation inside a tool: a
 * step that already ran on this thread returns its saved value instead of running again. Both
 * built-in savers implement it and order steps identically.
 */
public interface StepCheckpointSaver extends CheckpointSaver {
  /**
   * Saves the value of {@code stepKey} on the thread, overwriting (and re-dating) an earlier value
   * of the same key. An empty value records that the step ran and produced nothing.
   */
  StepCheckpoint putStep(
      String threadId, String stepKey, Optional<Object> value, Map<String, Object> metadata);

  /** The saved step, if it ran. */
  Optional<StepCheckpoint> getStep(String threadId, String stepKey);

  /** The thread's steps, oldest first (created_at, then step key). */
  List<StepCheckpoint> listSteps(String threadId);
}
