package dev.agentdispatch.server.app.llm;

import dev.agentdispatch.core.llm.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a model call ended, as the gateway saw it (or as an agent reported it).
 *
 * @param provider the provider that answered (or the last one tried)
 * @param model the model as the provider named it in its answer, else as requested
 * @param endpoint the API path called, e.g. {@code /chat/completions} or {@code /messages}
 * @param usage tokens consumed; {@link TokenUsage#NONE} when the call failed before usage
 * @param finishReason normalised: stop, length, tool_calls, content_filter, error...
 * @param error what went wrong, when it did; empty on success
 * @param startedAt when the gateway took the call
 * @param latency until the last byte
 * @param timeToFirstToken until the first byte of a streamed answer; empty when not streamed
 * @param variantName the experiment variant, from the route
 */
public record CallOutcome(
    String provider,
    String model,
    String endpoint,
    TokenUsage usage,
    Optional<String> finishReason,
    Optional<String> error,
    Instant startedAt,
    Duration latency,
    Optional<Duration> timeToFirstToken,
    Optional<String> variantName) {

  public CallOutcome {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    Objects.requireNonNull(variantName, "variantName");
  }

  /** Whether the call succeeded. */
  public boolean ok() {
    return error.isEmpty();
  }
}
