package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Options of one turn: the model name (empty = untracked), explicit usage or an estimator from the
 * result, a timeout, an idempotency key (replayed from the checkpoint saver) and a hook context.
 */
public record TurnOptions(
    String model,
    Optional<UsageSnapshot> usage,
    Optional<Function<Object, UsageSnapshot>> estimateUsage,
    Optional<Duration> timeout,
    Optional<String> idempotencyKey,
    Optional<HookContext> hookContext) {

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
    return new TurnOptions(v, usage, estimateUsage, timeout, idempotencyKey, hookContext);
  }

  public TurnOptions withUsage(UsageSnapshot v) {
    return new TurnOptions(
        model, Optional.of(v), estimateUsage, timeout, idempotencyKey, hookContext);
  }

  public TurnOptions withEstimateUsage(Function<Object, UsageSnapshot> v) {
    return new TurnOptions(model, usage, Optional.of(v), timeout, idempotencyKey, hookContext);
  }

  public TurnOptions withTimeout(Duration v) {
    return new TurnOptions(
        model, usage, estimateUsage, Optional.of(v), idempotencyKey, hookContext);
  }

  public TurnOptions withIdempotencyKey(String v) {
    return new TurnOptions(model, usage, estimateUsage, timeout, Optional.of(v), hookContext);
  }

  public TurnOptions withHookContext(HookContext v) {
    return new TurnOptions(model, usage, estimateUsage, timeout, idempotencyKey, Optional.of(v));
  }
}
