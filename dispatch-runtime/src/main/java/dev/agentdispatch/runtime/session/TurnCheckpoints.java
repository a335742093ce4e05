package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.checkpoint.Checkpoint;
import dev.agentdispatch.runtime.checkpoint.CheckpointSaver;
import dev.agentdispatch.runtime.internal.Json;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Idempotent replay (step 1) and checkpoint persistence (step 12) of {@code run_turn}. */
final class TurnCheckpoints {
  private static final System.Logger LOG = System.getLogger(TurnCheckpoints.class.getName());
  private static final int REPLAY_SCAN_LIMIT = 100;

  private final Optional<CheckpointSaver> saver;
  private final Optional<String> threadId;

  TurnCheckpoints(Optional<CheckpointSaver> saver, Optional<String> threadId) {
    this.saver = saver;
    this.threadId = threadId;
  }

  /** A cached (result, usage) for the key, scanning the latest 100 checkpoints of the thread. */
  Optional<TurnResult<Object>> replay(Optional<String> idempotencyKey) {
    if (idempotencyKey.isEmpty() || threadId.isEmpty() || saver.isEmpty()) {
      return Optional.empty();
    }
    for (Checkpoint c : saver.get().list(threadId.get(), Optional.empty(), REPLAY_SCAN_LIMIT)) {
      if (idempotencyKey.get().equals(c.metadata().get("idempotency_key"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) c.state().getOrDefault("usage", Map.of());
        return Optional.of(new TurnResult<>(c.state().get("result"), UsageSnapshot.fromMap(usage)));
      }
    }
    return Optional.empty();
  }

  /** Saves {result, usage}; a result that cannot be written as JSON is skipped with a warning. */
  void persist(Object result, UsageSnapshot usage, String model, Optional<String> idempotencyKey) {
    if (threadId.isEmpty() || saver.isEmpty()) {
      return;
    }
    Object json;
    try {
      json = Json.roundTrip(result);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "turn result of type {0} is not JSON-serialisable; checkpoint skipped",
          result == null ? "null" : result.getClass().getName());
      return;
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("result", json);
    state.put("usage", usage.toMap());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("status", "completed");
    metadata.put("model", model);
    idempotencyKey.ifPresent(k -> metadata.put("idempotency_key", k));
    Optional<String> parent = saver.get().get(threadId.get()).map(Checkpoint::id);
    saver.get().put(threadId.get(), state, parent, metadata);
  }
}
