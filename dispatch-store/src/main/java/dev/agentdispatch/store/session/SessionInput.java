package dev.agentdispatch.store.session;

import dev.agentdispatch.core.session.InputOutcome;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.core.session.InputStrategy;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored session input.
 *
 * @param seq its place in the session, from 1; the queue runs by seq (interrupt/rollback inputs
 *     first)
 * @param outcome what it did when accepted (never changes)
 * @param status where it stands now
 * @param runId the run it started, resumed or was steered to
 */
public record SessionInput(
    String id,
    String sessionId,
    long seq,
    String inputJson,
    InputStrategy strategy,
    InputOutcome outcome,
    InputStatus status,
    Optional<String> runId,
    Optional<String> idempotencyKey,
    Instant createdAt) {
  public SessionInput {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(inputJson, "inputJson is null");
    Objects.requireNonNull(runId, "runId is null");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
  }
}
