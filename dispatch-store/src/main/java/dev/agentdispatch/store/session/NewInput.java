package dev.agentdispatch.store.session;

import dev.agentdispatch.core.session.InputStrategy;
import java.util.Objects;
import java.util.Optional;

/**
 * An input sent to a session.
 *
 * @param requestHash fingerprint of the input and strategy, to tell a repeated idempotent send from
 *     a different one under the same key
 * @param traceId the Dispatch trace of the request that sent it: the run it starts joins it (else
 *     the run gets a trace of its own)
 * @param parentSpanId the OpenTelemetry span the run's span hangs under, in that trace
 */
public record NewInput(
    String namespace,
    String sessionId,
    String inputJson,
    InputStrategy strategy,
    Optional<String> idempotencyKey,
    Optional<String> requestHash,
    Optional<String> traceId,
    Optional<String> parentSpanId) {
  public NewInput {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(sessionId, "sessionId is null");
    Objects.requireNonNull(inputJson, "inputJson is null");
    Objects.requireNonNull(strategy, "strategy is null");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
    Objects.requireNonNull(requestHash, "requestHash is null");
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(parentSpanId, "parentSpanId is null");
  }

  /** An input that names no trace: the run it starts gets one of its own. */
  public NewInput(
      String namespace,
      String sessionId,
      String inputJson,
      InputStrategy strategy,
      Optional<String> idempotencyKey,
      Optional<String> requestHash) {
    this(
        namespace,
        sessionId,
        inputJson,
        strategy,
        idempotencyKey,
        requestHash,
        Optional.empty(),
        Optional.empty());
  }
}
