package dev.agentdispatch.runtime.pilot;

import dev.agentdispatch.runtime.governance.GovernanceLimit;
import dev.agentdispatch.runtime.governance.GovernancePlane;
import dev.agentdispatch.runtime.guardrails.Guardrail;
import dev.agentdispatch.runtime.guardrails.GuardrailStage;
import dev.agentdispatch.runtime.guardrails.PatternGuardrail;
import dev.agentdispatch.runtime.guardrails.PromptInjectionGuardrail;
import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.permissions.PermissionEnforcer;
import dev.agentdispatch.runtime.permissions.PermissionMode;
import dev.agentdispatch.runtime.permissions.PermissionPolicy;
import dev.agentdispatch.runtime.permissions.RolePermissionConfig;
import dev.agentdispatch.runtime.session.AgentSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A safe starting configuration for a first agent in production (the specification's {@code
 * build_pilot_profile}): a fail-closed permission policy (unknown roles denied) that allows only
 * the listed tools, a prompt-injection guardrail on tool output (plus, when deny patterns are
 * given, a pattern guardrail on tool calls), and four terminate-mode governance limits: 25
 * iterations, the budget, 100 tool calls and 3 consecutive failures.
 *
 * <pre>{@code
 * AgentSession agent =
 *     PilotProfile.builder("researcher", List.of("search", "read_file"), 0.50).build()
 *         .applyTo(AgentSession.builder("researcher", "answer"))
 *         .build();
 * }</pre>
 */
public record PilotProfile(
    String role,
    PermissionEnforcer permissions,
    List<Guardrail> guardrails,
    GovernancePlane governance) {

  public static final int DEFAULT_MAX_ITERATIONS = 25;
  public static final int DEFAULT_MAX_TOOL_CALLS = 100;
  public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

  public PilotProfile {
    role = Checks.nonBlank(role, "role");
    Objects.requireNonNull(permissions, "permissions is null");
    guardrails = List.copyOf(guardrails);
    Objects.requireNonNull(governance, "governance is null");
  }

  public static Builder builder(String role, List<String> allowedTools, double budgetUsd) {
    return new Builder(role, allowedTools, budgetUsd);
  }

  /** Sets the profile's permissions, guardrails and governance on an agent's builder. */
  public AgentSession.Builder applyTo(AgentSession.Builder agent) {
    agent.permissions(permissions).governance(governance);
    guardrails.forEach(agent::guardrail);
    return agent;
  }

  /** The profile's options, with the specification's defaults. */
  public static final class Builder {
    private final String role;
    private final List<String> allowedTools;
    private final double budgetUsd;
    private PermissionMode permissionMode = PermissionMode.READ_ONLY;
    private Map<String, PermissionMode> toolRequirements = Map.of();
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private int maxToolCalls = DEFAULT_MAX_TOOL_CALLS;
    private int maxConsecutiveFailures = DEFAULT_MAX_CONSECUTIVE_FAILURES;
    private Optional<List<String>> denyPatterns = Optional.empty();

    private Builder(String role, List<String> allowedTools, double budgetUsd) {
      this.role = role;
      this.allowedTools = List.copyOf(allowedTools);
      this.budgetUsd = Checks.nonNegative(budgetUsd, "budget_usd");
    }

    /** The role's mode (default READ_ONLY). */
    public Builder permissionMode(PermissionMode v) {
      permissionMode = Objects.requireNonNull(v, "permissionMode is null");
      return this;
    }

    /** The mode each tool requires (default: READ_ONLY for every tool). */
    public Builder toolRequirements(Map<String, PermissionMode> v) {
      toolRequirements = Map.copyOf(v);
      return this;
    }

    public Builder maxIterations(int v) {
      maxIterations = v;
      return this;
    }

    public Builder maxToolCalls(int v) {
      maxToolCalls = v;
      return this;
    }

    public Builder maxConsecutiveFailures(int v) {
      maxConsecutiveFailures = v;
      return this;
    }

    /** Tool names to refuse before the call, with a pattern guardrail on the pre stage. */
    public Builder denyPatterns(List<String> v) {
      denyPatterns = Optional.of(List.copyOf(v));
      return this;
    }

    public PilotProfile build() {
      RolePermissionConfig config =
          new RolePermissionConfig(role, permissionMode, Optional.of(allowedTools), List.of());
      PermissionPolicy policy =
          new PermissionPolicy(Map.of(config.role(), config), toolRequirements, false);
      List<Guardrail> guardrails = new ArrayList<>();
      denyPatterns.ifPresent(p ->
          guardrails.add(
              new PatternGuardrail(
                  p, Set.of(GuardrailStage.PRE), "pattern", Pattern.CASE_INSENSITIVE)));
      guardrails.add(new PromptInjectionGuardrail());
      GovernancePlane governance =
          GovernancePlane.of(
              new GovernanceLimit.MaxIterations(maxIterations),
              new GovernanceLimit.MaxBudget(budgetUsd),
              new GovernanceLimit.MaxToolCalls(maxToolCalls),
              new GovernanceLimit.MaxConsecutiveFailures(maxConsecutiveFailures));
      return new PilotProfile(role, new PermissionEnforcer(policy), guardrails, governance);
    }
  }
}
