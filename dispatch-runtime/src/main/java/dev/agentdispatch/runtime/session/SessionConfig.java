package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.breaker.CircuitBreaker;
import dev.agentdispatch.runtime.checkpoint.CheckpointSaver;
import dev.agentdispatch.runtime.clock.RuntimeClock;
import dev.agentdispatch.runtime.governance.GovernancePlane;
import dev.agentdispatch.runtime.guardrails.Guardrail;
import dev.agentdispatch.runtime.hooks.Hook;
import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.lifecycle.AgentRegistry;
import dev.agentdispatch.runtime.permissions.PermissionEnforcer;
import dev.agentdispatch.runtime.policy.PolicyEngine;
import dev.agentdispatch.runtime.quality.QualityGate;
import dev.agentdispatch.runtime.ratelimit.RateLimiter;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.retry.RecoveryRecipes;
import dev.agentdispatch.runtime.routing.ProviderRouter;
import dev.agentdispatch.runtime.sinks.EventSink;
import dev.agentdispatch.runtime.sinks.UsageSink;
import dev.agentdispatch.runtime.usage.PricingRegistry;
import dev.agentdispatch.runtime.usage.UsageLimits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Everything an {@link AgentSession} needs, validated once. Build it with {@link
 * AgentSession#builder}; the defaults are the Python library's ({@code maxIterations} 25, no-op
 * sinks, no breaker, no budget, bookkeeping-only recovery).
 *
 * @param breakerPerProvider when set, each provider gets its own breaker (created on first use), so
 *     a provider outage does not trip the breaker of the provider recovery switches to
 * @param initialProvider the provider a session starts on (recovery may switch it)
 * @param governance hard stops; each session gets its own state ({@link
 *     GovernancePlane#forSession()})
 * @param recovery when set, recovery really acts (backoff, provider switch, context shrink,
 *     escalation) and a recovered failure retries the turn; when empty, recovery only records
 */
public record SessionConfig(
    String role,
    String phase,
    Optional<Long> projectId,
    AgentRegistry registry,
    Optional<PermissionEnforcer> permissions,
    Optional<CircuitBreaker> circuitBreaker,
    Optional<Function<String, CircuitBreaker>> breakerPerProvider,
    Optional<PolicyEngine> policyEngine,
    Optional<QualityGate> qualityGate,
    OptionalDouble budgetUsd,
    boolean enforceBudget,
    int maxIterations,
    List<Guardrail> guardrails,
    EventSink eventSink,
    UsageSink usageSink,
    Optional<CheckpointSaver> saver,
    Optional<RateLimiter> rateLimiter,
    Optional<ProviderRouter> providerRouter,
    Optional<String> initialProvider,
    Optional<UsageLimits> usageLimits,
    List<Hook> hooks,
    RuntimeClock clock,
    PricingRegistry pricing,
    RecoveryRecipes recipes,
    Optional<RecoveryExecutor.Config> recovery,
    OptionalInt contextBudgetChars,
    Optional<GovernancePlane> governance) {

  /** Default iteration cap. */
  public static final int DEFAULT_MAX_ITERATIONS = 25;

  public SessionConfig {
    role = Checks.nonBlank(role, "role");
    phase = Checks.nonBlank(phase, "phase");
    Objects.requireNonNull(projectId, "projectId is null");
    projectId.ifPresent(id -> Checks.nonNegative(id, "project_id"));
    Objects.requireNonNull(registry, "registry is null");
    Objects.requireNonNull(permissions, "permissions is null");
    Objects.requireNonNull(circuitBreaker, "circuitBreaker is null");
    Objects.requireNonNull(breakerPerProvider, "breakerPerProvider is null");
    Objects.requireNonNull(policyEngine, "policyEngine is null");
    Objects.requireNonNull(qualityGate, "qualityGate is null");
    Objects.requireNonNull(budgetUsd, "budgetUsd is null");
    budgetUsd.ifPresent(b -> Checks.nonNegative(b, "budget_usd"));
    if (maxIterations < 0) {
      throw new IllegalArgumentException("max_iterations must be >= 0, got " + maxIterations);
    }
    guardrails = List.copyOf(guardrails);
    Objects.requireNonNull(eventSink, "eventSink is null");
    Objects.requireNonNull(usageSink, "usageSink is null");
    Objects.requireNonNull(saver, "saver is null");
    Objects.requireNonNull(rateLimiter, "rateLimiter is null");
    Objects.requireNonNull(providerRouter, "providerRouter is null");
    initialProvider =
        Objects.requireNonNull(initialProvider, "initialProvider is null")
            .map(p -> Checks.nonBlank(p, "initial_provider"));
    Objects.requireNonNull(usageLimits, "usageLimits is null");
    hooks = List.copyOf(hooks);
    Objects.requireNonNull(clock, "clock is null");
    Objects.requireNonNull(pricing, "pricing is null");
    Objects.requireNonNull(recipes, "recipes is null");
    Objects.requireNonNull(recovery, "recovery is null");
    Objects.requireNonNull(contextBudgetChars, "contextBudgetChars is null");
    contextBudgetChars.ifPresent(c -> Checks.nonNegative(c, "context_budget_chars"));
    Objects.requireNonNull(governance, "governance is null");
  }
}
