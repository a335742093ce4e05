package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.FunctionSpec;
import dev.agentdispatch.sdk.model.RetryPolicy;
import dev.agentdispatch.sdk.model.Trigger;
import dev.agentdispatch.sdk.schema.RecordSchemas;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Builds the registration of a function from its {@link Fn} annotation and its records. */
final class FunctionSpecs {
  private FunctionSpecs() {}

  static FunctionSpec of(
      String name,
      Optional<Fn> fn,
      List<Trigger> triggers,
      Class<?> input,
      Optional<Class<?>> output) {
    return new FunctionSpec(
        name,
        fn.map(Fn::description).filter(d -> !d.isBlank()),
        Optional.of(RecordSchemas.schemaOf(input)),
        output.map(type -> (JsonNode) RecordSchemas.schemaOf(type)),
        triggers,
        fn.flatMap(FunctionSpecs::retry),
        fn.flatMap(f -> positive(f.timeoutSeconds())),
        fn.flatMap(f -> positive(f.attemptTimeoutSeconds())),
        fn.flatMap(f -> positive(f.maxConcurrency())),
        fn.flatMap(f -> positive(f.keyConcurrency())),
        Optional.empty(),
        Optional.empty());
  }

  /** A policy only when the annotation overrides something; otherwise the server's applies. */
  private static Optional<RetryPolicy> retry(Fn fn) {
    if (fn.maxAttempts() <= 0 && fn.nonRetryable().length == 0) {
      return Optional.empty();
    }
    RetryPolicy policy = RetryPolicy.defaults();
    if (fn.maxAttempts() > 0) {
      policy = policy.withMaxAttempts(fn.maxAttempts());
    }
    List<String> names =
        Arrays.stream(fn.nonRetryable()).map(Class::getSimpleName).collect(Collectors.toList());
    return Optional.of(policy.withNonRetryableErrors(names));
  }

  /** Zero means "not set" in an annotation: the server's default (or no limit) applies. */
  private static Optional<Integer> positive(int value) {
    return value > 0 ? Optional.of(value) : Optional.empty();
  }
}
