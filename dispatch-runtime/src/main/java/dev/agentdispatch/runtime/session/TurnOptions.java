package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Options of one turn: the model name (empty = untracked), explicit usage or an estimator from the
 * result, a timeout, an idempotency key (replayed from the checkpoint saver), a hook context, and
 * how to read the answering model from the result (for traces).
 *
 * @param responseModel reads the model that actually answered from the turn's result (e.g. a dated
 *     snapshot of the requested alias); only traces use it
 * @param resultType the type an idempotent replay converts the checkpointed result to; without it
 *     the replay uses the type recorded with the checkpoint, which is exact for records, beans and
 *     scalars, but a generic container ({@code List<Answer>}) needs it named here
 */
public record TurnOptions(
    String model,
    Optional<UsageSnapshot> usage,
    Optional<Function<Object, UsageSnapshot>> estimateUsage,
    Optional<Duration> timeout,
    Optional<String> idempotencyKey,
    Optional<HookContext> hookContext,
    Optional<Function<Object, Optional<String>>> responseModel,
    Optional<Type> resultType) {

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
    Objects.requireNonNull(resultType, "resultType is null");
  }

  /** Options without a result type (the constructor from before typed replay). */
  public TurnOptions(
      String model,
      Optional<UsageSnapshot> usage,
      Optional<Function<Object, UsageSnapshot>> estimateUsage,
      Optional<Duration> timeout,
      Optional<String> idempotencyKey,
      Optional<HookContext> hookContext,
      Optional<Function<Object, Optional<String>>> responseModel) {
    this(
        model,
        usage,
        estimateUsage,
        timeout,
        idempotencyKey,
        hookContext,
        responseModel,
        Optional.empty());
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
    return edit(c -> c.model = v);
  }

  public TurnOptions withUsage(UsageSnapshot v) {
    return edit(c -> c.usage = Optional.of(v));
  }

  public TurnOptions withEstimateUsage(Function<Object, UsageSnapshot> v) {
    return edit(c -> c.estimateUsage = Optional.of(v));
  }

  public TurnOptions withTimeout(Duration v) {
    return edit(c -> c.timeout = Optional.of(v));
  }

  public TurnOptions withIdempotencyKey(String v) {
    return edit(c -> c.idempotencyKey = Optional.of(v));
  }

  public TurnOptions withHookContext(HookContext v) {
    return edit(c -> c.hookContext = Optional.of(v));
  }

  /** Reads the answering model from the result, for the turn's span. */
  public TurnOptions withResponseModel(Function<Object, Optional<String>> v) {
    return edit(c -> c.responseModel = Optional.of(v));
  }

  /**
   * The type an idempotent replay returns the checkpointed result as, for a result whose type the
   * checkpoint cannot record whole: {@code List<Answer>} is a {@link
   * java.lang.reflect.ParameterizedType} (Jackson's {@code new TypeReference<List<Answer>>()
   * {}.getType()} makes one). Records, beans and scalars replay as their own type without it.
   */
  public TurnOptions withResultType(Type v) {
    return edit(c -> c.resultType = Optional.of(v));
  }

  private TurnOptions edit(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A mutable copy, so that each wither names only the component it changes. */
  private static final class Copy {
    String model;
    Optional<UsageSnapshot> usage;
    Optional<Function<Object, UsageSnapshot>> estimateUsage;
    Optional<Duration> timeout;
    Optional<String> idempotencyKey;
    Optional<HookContext> hookContext;
    Optional<Function<Object, Optional<String>>> responseModel;
    Optional<Type> resultType;

    Copy(TurnOptions o) {
      model = o.model;
      usage = o.usage;
      estimateUsage = o.estimateUsage;
      timeout = o.timeout;
      idempotencyKey = o.idempotencyKey;
      hookContext = o.hookContext;
      responseModel = o.responseModel;
      resultType = o.resultType;
    }

    TurnOptions build() {
      return new TurnOptions(
          model,
          usage,
          estimateUsage,
          timeout,
          idempotencyKey,
          hookContext,
          responseModel,
          resultType);
    }
  }
}
