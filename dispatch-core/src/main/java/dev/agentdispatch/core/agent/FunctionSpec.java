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
 * @param maxConcurrency the most invocations of this function running at once, over all workers and
 *     nodes; absent means no cap of its own (the agent's still applies)
 * @param keyConcurrency the most invocations of this function with the same {@code concurrency_key}
 *     under way at once; absent means keys are not limited
 */
public record FunctionSpec(
    String name,
    Optional<String> description,
    Optional<String> inputSchemaJson,
    Optional<String> outputSchemaJson,
    List<Trigger> triggers,
    Optional<RetryPolicy> retry,
    Optional<Duration> timeout,
    Optional<Duration> attemptTimeout,
    Optional<Integer> maxConcurrency,
    Optional<Integer> keyConcurrency,
    Optional<RateLimit> rateLimit,
    Optional<Debounce> debounce) {

  public FunctionSpec {
    Objects.requireNonNull(debounce, "debounce is null");
    Objects.requireNonNull(rateLimit, "rateLimit is null");
    Objects.requireNonNull(maxConcurrency, "maxConcurrency is null");
    Objects.requireNonNull(keyConcurrency, "keyConcurrency is null");
    maxConcurrency.ifPresent(n -> Limits.requireCap(n, "max_concurrency of function " + name));
    keyConcurrency.ifPresent(n -> Limits.requireCap(n, "key_concurrency of function " + name));
    Names.require(name, "function name");
    Objects.requireNonNull(description, "description is null");
    Objects.requireNonNull(inputSchemaJson, "inputSchemaJson is null");
    Objects.requireNonNull(outputSchemaJson, "outputSchemaJson is null");
    triggers = triggers.isEmpty() ? List.of(new Trigger.Callable()) : List.copyOf(triggers);
    Objects.requireNonNull(retry, "retry is null");
    Objects.requireNonNull(timeout, "timeout is null");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout is null");
  }

  /** A function without concurrency limits. */
  public FunctionSpec(
      String name,
      Optional<String> description,
      Optional<String> inputSchemaJson,
      Optional<String> outputSchemaJson,
      List<Trigger> triggers,
      Optional<RetryPolicy> retry,
      Optional<Duration> timeout,
      Optional<Duration> attemptTimeout) {
    this(
        name,
        description,
        inputSchemaJson,
        outputSchemaJson,
        triggers,
        retry,
        timeout,
        attemptTimeout,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** True when clients may invoke this function directly. */
  public boolean callable() {
    return triggers.stream().anyMatch(t -> t instanceof Trigger.Callable);
  }
}
