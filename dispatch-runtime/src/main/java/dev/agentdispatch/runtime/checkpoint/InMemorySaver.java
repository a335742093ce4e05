package dev.agentdispatch.runtime.checkpoint;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Checkpoints in memory. Thread-safe. */
public final class InMemorySaver implements StepCheckpointSaver {
  private final RuntimeClock clock;
  private final Map<String, List<Checkpoint>> threads = new HashMap<>();
  private final Map<String, Map<String, StepCheckpoint>> steps = new HashMap<>();

  public InMemorySaver() {
    this(RuntimeClock.system());
  }

  public InMemorySaver(RuntimeClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  @Override
  public synchronized Optional<Checkpoint> get(String threadId) {
    return sorted(threadId).stream().findFirst();
  }

  @Override
  public synchronized Optional<Checkpoint> get(String threadId, String id) {
    return sorted(threadId).stream().filter(c -> c.id().equals(id)).findFirst();
  }

  @Override
  public synchronized Checkpoint put(
      String threadId,
      Map<String, Object> state,
      Optional<String> parentId,
      Map<String, Object> metadata) {
    Checkpoint c =
        new Checkpoint(Checkpoints.newId(), threadId, clock.wallNow(), state, parentId, metadata);
    threads.computeIfAbsent(c.threadId(), k -> new ArrayList<>()).add(c);
    return c;
  }

  @Override
  public synchronized List<Checkpoint> list(String threadId, Optional<String> before, int limit) {
    return Checkpoints.page(sorted(threadId), before, limit);
  }

  /** Removes every checkpoint and every step of the thread. */
  @Override
  public synchronized void delete(String threadId) {
    threads.remove(threadId);
    steps.remove(threadId);
  }

  @Override
  public synchronized StepCheckpoint putStep(
      String threadId, String stepKey, Optional<Object> value, Map<String, Object> metadata) {
    StepCheckpoint step = new StepCheckpoint(threadId, stepKey, clock.wallNow(), value, metadata);
    steps.computeIfAbsent(step.threadId(), k -> new HashMap<>()).put(step.stepKey(), step);
    return step;
  }

  @Override
  public synchronized Optional<StepCheckpoint> getStep(String threadId, String stepKey) {
    return Optional.ofNullable(steps.getOrDefault(threadId, Map.of()).get(stepKey));
  }

  @Override
  public synchronized List<StepCheckpoint> listSteps(String threadId) {
    List<StepCheckpoint> all = new ArrayList<>(steps.getOrDefault(threadId, Map.of()).values());
    all.sort(StepCheckpoint.BY_CREATION);
    return List.copyOf(all);
  }

  private List<Checkpoint> sorted(String threadId) {
    List<Checkpoint> all = new ArrayList<>(threads.getOrDefault(threadId, List.of()));
    all.sort(Checkpoint.NEWEST_FIRST);
    return all;
  }
}
