package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.checkpoint.Checkpoint;
import dev.agentdispatch.runtime.checkpoint.CheckpointSaver;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
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

  /**
   * A cached (result, usage) for the key, scanning the latest 100 checkpoints of the thread. The
   * result comes back as the caller's type (see {@link ResultCodec#decode}); a stored result that
   * no longer converts to it (the class changed since) is a miss, so the turn runs again.
   */
  Optional<TurnResult<Object>> replay(Optional<String> idempotencyKey, Optional<Type> resultType) {
    if (idempotencyKey.isEmpty() || threadId.isEmpty() || saver.isEmpty()) {
      return Optional.empty();
    }
    for (Checkpoint c : saver.get().list(threadId.get(), Optional.empty(), REPLAY_SCAN_LIMIT)) {
      if (idempotencyKey.get().equals(c.metadata().get("idempotency_key"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) c.state().getOrDefault("usage", Map.of());
        Object result;
        try {
          result =
              ResultCodec.decode(
                  c.state().get("result"),
                  Optional.ofNullable(c.metadata().get(ResultCodec.RESULT_TYPE)),
                  resultType);
        } catch (IllegalStateException e) {
          LOG.log(
              Level.WARNING,
              "checkpoint {0} does not convert to the turn''s result type; the turn runs again",
              c.id());
          return Optional.empty();
        }
        return Optional.of(new TurnResult<>(result, UsageSnapshot.fromMap(usage)));
      }
    }
    return Optional.empty();
  }

  /**
   * Saves {result, usage}. A result that is not really JSON (nothing to serialise, or it would not
   * replay as its own type) is skipped with a warning rather than stored as something hollow.
   */
  void persist(Object result, UsageSnapshot usage, String model, Optional<String> idempotencyKey) {
    if (threadId.isEmpty() || saver.isEmpty()) {
      return;
    }
    Optional<ResultCodec.Encoded> encoded = ResultCodec.encode(result);
    if (encoded.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "turn result of type {0} is not JSON-serialisable; checkpoint skipped",
          result.getClass().getName());
      return;
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("result", encoded.get().json());
    state.put("usage", usage.toMap());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("status", "completed");
    metadata.put("model", model);
    idempotencyKey.ifPresent(k -> metadata.put("idempotency_key", k));
    encoded.get().type().ifPresent(t -> metadata.put(ResultCodec.RESULT_TYPE, t));
    Optional<String> parent = saver.get().get(threadId.get()).map(Checkpoint::id);
    saver.get().put(threadId.get(), state, parent, metadata);
  }
}
