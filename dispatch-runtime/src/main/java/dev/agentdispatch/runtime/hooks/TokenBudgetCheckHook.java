package dev.agentdispatch.runtime.hooks;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Refuses a model call whose prompt is estimated above {@code tokenLimit} tokens. The default
 * estimate is {@code max(0, len(String.valueOf(prompt)) / 4)}; any estimate is rounded up and must
 * be finite and {@code >= 0}.
 */
public final class TokenBudgetCheckHook implements Hook {
  private final long tokenLimit;
  private final ToDoubleFunction<Object> estimator;

  public TokenBudgetCheckHook(long tokenLimit) {
    this(tokenLimit, prompt -> Math.max(0, String.valueOf(prompt).length() / 4));
  }

  public TokenBudgetCheckHook(long tokenLimit, ToDoubleFunction<Object> estimator) {
    if (tokenLimit <= 0) {
      throw new IllegalArgumentException("token_limit must be > 0, got " + tokenLimit);
    }
    this.tokenLimit = tokenLimit;
    this.estimator = Objects.requireNonNull(estimator, "estimator is null");
  }

  @Override
  public void beforeModel(HookContext ctx) {
    double raw = estimator.applyAsDouble(ctx.prompt().orElse(""));
    if (!Double.isFinite(raw) || raw < 0) {
      throw new IllegalArgumentException("token estimate must be finite and >= 0, got " + raw);
    }
    long estimate = (long) Math.ceil(raw);
    if (estimate > tokenLimit) {
      throw new HookBudgetExceededException(estimate, tokenLimit, ctx.model());
    }
  }
}
