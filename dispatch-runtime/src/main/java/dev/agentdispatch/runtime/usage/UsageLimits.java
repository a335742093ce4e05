package dev.agentdispatch.runtime.usage;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Ceilings on a session's cumulative usage, all absent by default. {@link #check} compares with a
 * strict {@code >} in a fixed order: request_tokens, response_tokens, total_tokens (in+out),
 * tool_calls, cost_usd; the cost compares in integer micro-dollars so that float noise cannot trip
 * a limit that was met exactly.
 */
public record UsageLimits(
    OptionalLong requestTokensMax,
    OptionalLong responseTokensMax,
    OptionalLong totalTokensMax,
    OptionalLong toolCallsMax,
    OptionalDouble costUsdMax) {

  /** No limits. */
  public static final UsageLimits NONE =
      new UsageLimits(
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalDouble.empty());

  public UsageLimits {
    nonNegative(requestTokensMax, "request_tokens_max");
    nonNegative(responseTokensMax, "response_tokens_max");
    nonNegative(totalTokensMax, "total_tokens_max");
    nonNegative(toolCallsMax, "tool_calls_max");
    Objects.requireNonNull(costUsdMax, "costUsdMax is null");
    costUsdMax.ifPresent(
        v -> dev.agentdispatch.runtime.internal.Checks.nonNegative(v, "cost_usd_max"));
  }

  private static void nonNegative(OptionalLong v, String name) {
    Objects.requireNonNull(v, name + " is null");
    v.ifPresent(x -> dev.agentdispatch.runtime.internal.Checks.nonNegative(x, name));
  }

  public UsageLimits withRequestTokensMax(long v) {
    return new UsageLimits(
        OptionalLong.of(v), responseTokensMax, totalTokensMax, toolCallsMax, costUsdMax);
  }

  public UsageLimits withResponseTokensMax(long v) {
    return new UsageLimits(
        requestTokensMax, OptionalLong.of(v), totalTokensMax, toolCallsMax, costUsdMax);
  }

  public UsageLimits withTotalTokensMax(long v) {
    return new UsageLimits(
        requestTokensMax, responseTokensMax, OptionalLong.of(v), toolCallsMax, costUsdMax);
  }

  public UsageLimits withToolCallsMax(long v) {
    return new UsageLimits(
        requestTokensMax, responseTokensMax, totalTokensMax, OptionalLong.of(v), costUsdMax);
  }

  public UsageLimits withCostUsdMax(double v) {
    return new UsageLimits(
        requestTokensMax, responseTokensMax, totalTokensMax, toolCallsMax, OptionalDouble.of(v));
  }

  /** Throws {@link UsageLimitExceededException} for the first breached limit. */
  public void check(UsageTracker tracker) {
    long in = tracker.totalInputTokens();
    long out = tracker.totalOutputTokens();
    over("request_tokens", in, requestTokensMax);
    over("response_tokens", out, responseTokensMax);
    over("total_tokens", in + out, totalTokensMax);
    over("tool_calls", tracker.totalToolCalls(), toolCallsMax);
    if (costUsdMax.isPresent()) {
      long observed = CostFormat.toMicros(tracker.totalCost());
      long ceiling = CostFormat.toMicros(costUsdMax.getAsDouble());
      if (observed > ceiling) {
        throw new UsageLimitExceededException("cost_usd", observed, ceiling);
      }
    }
  }

  /** The first breached limit, without throwing. */
  public Optional<UsageLimitExceededException> firstBreach(UsageTracker tracker) {
    try {
      check(tracker);
      return Optional.empty();
    } catch (UsageLimitExceededException e) {
      return Optional.of(e);
    }
  }

  private static void over(String name, long observed, OptionalLong max) {
    if (max.isPresent() && observed > max.getAsLong()) {
      throw new UsageLimitExceededException(name, observed, max.getAsLong());
    }
  }
}
