package dev.agentdispatch.runtime.policy;

import dev.agentdispatch.runtime.quality.QualityLevel;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A predicate over a {@link PhaseContext}. The built-in conditions are the nested records; users
 * may implement their own. Comparisons are strict where the specification says so ({@code
 * GateBelow}, {@code TimedOut}, {@code CostExceeded}).
 */
@FunctionalInterface
public interface PolicyCondition {
  boolean matches(PhaseContext ctx);

  /**
   * The condition evaluated asynchronously, for {@link PolicyEngine#evaluateAsync}: by default
   * {@link #matches} completed at once; an {@link #async} condition returns its own stage.
   */
  default CompletionStage<Boolean> matchesAsync(PhaseContext ctx) {
    return CompletableFuture.completedFuture(matches(ctx));
  }

  /**
   * A condition that is only known asynchronously (a remote check, a model call), as the Python
   * engine's awaitable {@code matches}. It can be evaluated only by {@link
   * PolicyEngine#evaluateAsync}; {@link PolicyEngine#evaluate} refuses it rather than guess.
   */
  static PolicyCondition async(Function<PhaseContext, CompletionStage<Boolean>> check) {
    return new Async(check);
  }

  /** See {@link PolicyCondition#async}. */
  record Async(Function<PhaseContext, CompletionStage<Boolean>> check) implements PolicyCondition {
    public Async {
      Objects.requireNonNull(check, "check is null");
    }

    @Override
    public boolean matches(PhaseContext ctx) {
      throw new IllegalStateException(
          "an asynchronous condition can only be evaluated by PolicyEngine.evaluateAsync");
    }

    @Override
    public CompletionStage<Boolean> matchesAsync(PhaseContext ctx) {
      return Objects.requireNonNull(check.apply(ctx), "async condition returned null");
    }
  }

  /** Evaluates {@code conditions} one after another, stopping at the first {@code stopAt}. */
  private static CompletionStage<Boolean> sequence(
      List<PolicyCondition> conditions, PhaseContext ctx, boolean stopAt, int from) {
    if (from == conditions.size()) {
      return CompletableFuture.completedFuture(!stopAt);
    }
    return conditions
        .get(from)
        .matchesAsync(ctx)
        .thenCompose(r ->
            r == stopAt
                ? CompletableFuture.completedFuture(stopAt)
                : sequence(conditions, ctx, stopAt, from + 1));
  }

  /** All match; an empty list matches. */
  record And(List<PolicyCondition> conditions) implements PolicyCondition {
    public And {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean matches(PhaseContext ctx) {
      return conditions.stream().allMatch(c -> c.matches(ctx));
    }

    @Override
    public CompletionStage<Boolean> matchesAsync(PhaseContext ctx) {
      return sequence(conditions, ctx, false, 0);
    }
  }

  /** Any matches; an empty list does not match. */
  record Or(List<PolicyCondition> conditions) implements PolicyCondition {
    public Or {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean matches(PhaseContext ctx) {
      return conditions.stream().anyMatch(c -> c.matches(ctx));
    }

    @Override
    public CompletionStage<Boolean> matchesAsync(PhaseContext ctx) {
      return sequence(conditions, ctx, true, 0);
    }
  }

  /** A quality level is known and at least {@code level}. */
  record QualityAt(QualityLevel level) implements PolicyCondition {
    public QualityAt {
      Objects.requireNonNull(level, "level is null");
    }

    @Override
    public boolean matches(PhaseContext ctx) {
      return ctx.qualityLevel().map(q -> q.atLeast(level)).orElse(false);
    }
  }

  /** The phase is completed. */
  record PhaseCompleted() implements PolicyCondition {
    @Override
    public boolean matches(PhaseContext ctx) {
      return ctx.phaseCompleted();
    }
  }

  /** The role failed; with no role, any role failed. */
  record AgentFailed(Optional<String> role) implements PolicyCondition {
    public AgentFailed {
      Objects.requireNonNull(role, "role is null");
    }

    @Override
    public boolean matches(PhaseContext ctx) {
      return role.map(ctx.failedRoles()::contains).orElse(!ctx.failedRoles().isEmpty());
    }
  }

  /** {@code gateScore < threshold}, strictly. */
  record GateBelow(double threshold) implements PolicyCondition {
    @Override
    public boolean matches(PhaseContext ctx) {
      return ctx.gateScore() < threshold;
    }
  }

  /** The scenario's retries are exhausted; with no scenario, any scenario's. */
  record RetryExhausted(Optional<String> scenario) implements PolicyCondition {
    public RetryExhausted {
      Objects.requireNonNull(scenario, "scenario is null");
    }

    @Override
    public boolean matches(PhaseContext ctx) {
      return scenario
          .map(ctx.retryExhaustedScenarios()::contains)
          .orElse(!ctx.retryExhaustedScenarios().isEmpty());
    }
  }

  /** {@code elapsed > seconds}, strictly. */
  record TimedOut(double seconds) implements PolicyCondition {
    @Override
    public boolean matches(PhaseContext ctx) {
      return ctx.elapsedSeconds() > seconds;
    }
  }

  /** Every role has finished (completed or failed), and there is at least one role. */
  record AllAgentsComplete() implements PolicyCondition {
    @Override
    public boolean matches(PhaseContext ctx) {
      Set<String> done = new HashSet<>(ctx.completedRoles());
      done.addAll(ctx.failedRoles());
      return !ctx.allRoles().isEmpty() && done.equals(ctx.allRoles());
    }
  }

  /** {@code totalCost > budget}, strictly. */
  record CostExceeded(double budgetUsd) implements PolicyCondition {
    @Override
    public boolean matches(PhaseContext ctx) {
      return ctx.totalCostUsd() > budgetUsd;
    }
  }
}
