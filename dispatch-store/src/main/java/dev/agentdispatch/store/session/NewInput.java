package dev.agentdispatch.store.session;

import dev.agentdispatch.core.session.InputStrategy;
import java.util.Objects;
import java.util.Optional;

/**
 * An input sent to a session.
 *
 * @param requestHash fingerprint of the input and strategy, to tell a repeated idempotent send from
 *     a different one under the same key
 */
public record NewInput(
    String namespace,
    String sessionId,
    String inputJson,
    InputStrategy strategy,
    Optional<String> idempotencyKey,
    Optional<String> requestHash) {
  public NewInput {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(sessionId, "sessionId is null");
    Objects.requireNonNull(inputJson, "inputJson is null");
    Objects.requireNonNull(strategy, "strategy is null");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
    Objects.requireNonNull(requestHash, "requestHash is null");
  }
}
