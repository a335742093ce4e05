package dev.agentdispatch.core.agent;

import dev.agentdispatch.core.invocation.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A function an agent declares.
 *
 * @param inputSchemaJson JSON Schema of the payload, as JSON text; absent means any JSON is
 *     accepted
 */
public record FunctionSpec(
    String name,
    Optional<String> description,
    Optional<String> inputSchemaJson,
    Optional<String> outputSchemaJson,
    List<Trigger> triggers,
    Optional<RetryPolicy> retry,
    Optional<Duration> timeout,
    Optional<Duration> attemptTimeout) {

  public FunctionSpec {
    Names.require(name, "function name");
    Objects.requireNonNull(description, "description is null");
    Objects.requireNonNull(inputSchemaJson, "inputSchemaJson is null");
    Objects.requireNonNull(outputSchemaJson, "outputSchemaJson is null");
    triggers = triggers.isEmpty() ? List.of(new Trigger.Callable()) : List.copyOf(triggers);
    Objects.requireNonNull(retry, "retry is null");
    Objects.requireNonNull(timeout, "timeout is null");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout is null");
  }

  /** True when clients may invoke this function directly. */
  public boolean callable() {
    return triggers.stream().anyMatch(t -> t instanceof Trigger.Callable);
  }
}
