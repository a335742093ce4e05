package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Options of one turn: the model name (empty = untracked), explicit usage or an estimator from the
 * result, a timeout, an idempotency key (replayed from the checkpoint saver), a hook context, and
 * how to read the answering model from the result (for traces).
 *
 * @param responseModel reads the model that actually answered from the turn's result (e.g. a dated
 *     snapshot of the requested alias); only traces use it
 */
public record TurnOptions(
    String model,
    Optional<UsageSnapshot> usage,
    Optional<Function<Object, UsageSnapshot>> estimateUsage,
    Optional<Duration> timeout,
    Optional<String> idempotencyKey,
    Optional<HookContext> hookContext,
    Optional<Function<Object, Optional<String>>> responseModel) {

  public TurnOptions {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(usage, "usage is null");
    Objects.requireNonNull(estimateUsage, "estimateUsage is null");
    Objects.requireNonNull(timeout, "timeout is null");
    timeout.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0, got " + t);
      }
    });
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
    Objects.requireNonNull(hookContext, "hookContext is null");
    Objects.requireNonNull(responseModel, "responseModel is null");
  }

  /** Options without a response-model reader (the constructor from before traces existed). */
  public TurnOptions(
      String model,
      Optional<UsageSnapshot> usage,
      Optional<Function<Object, UsageSnapshot>> estimateUsage,
      Optional<Duration> timeout,
      Optional<String> idempotencyKey,
      Optional<HookContext> hookContext) {
    this(model, usage, estimateUsage, timeout, idempotencyKey, hookContext, Optional.empty());
  }

  /** No model, no usage, no timeout. */
  public static TurnOptions defaults() {
    return new TurnOptions(
        "",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Defaults with a model name. */
  public static TurnOptions model(String model) {
    return defaults().withModel(model);
  }

  public TurnOptions withModel(String v) {
    return new TurnOptions(
        v, usage, estimateUsage, timeout, idempotencyKey, hookContext, responseModel);
  }

  public TurnOptions withUsage(UsageSnapshot v) {
    return new TurnOptions(
        model, Optional.of(v), estimateUsage, timeout, idempotencyKey, hookContext, responseModel);
  }

  public TurnOptions withEstimateUsage(Function<Object, UsageSnapshot> v) {
    return new TurnOptions(
        model, usage, Optional.of(v), timeout, idempotencyKey, hookContext, responseModel);
  }

  public TurnOptions withTimeout(Duration v) {
    return new TurnOptions(
        model, usage, estimateUsage, Optional.of(v), idempotencyKey, hookContext, responseModel);
  }

  public TurnOptions withIdempotencyKey(String v) {
    return new TurnOptions(
        model, usage, estimateUsage, timeout, Optional.of(v), hookContext, responseModel);
  }

  public TurnOptions withHookContext(HookContext v) {
    return new TurnOptions(
        model, usage, estimateUsage, timeout, idempotencyKey, Optional.of(v), responseModel);
  }

  /** Reads the answering model from the result, for the turn's span. */
  public TurnOptions withResponseModel(Function<Object, Optional<String>> v) {
    return new TurnOptions(
        model, usage, estimateUsage, timeout, idempotencyKey, hookContext, Optional.of(v));
  }
}
