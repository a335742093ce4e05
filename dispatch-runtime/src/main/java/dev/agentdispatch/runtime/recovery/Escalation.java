package dev.agentdispatch.runtime.recovery;

import dev.agentdispatch.runtime.retry.EscalationPolicy;
import dev.agentdispatch.runtime.retry.FailureScenario;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure that recovery could not handle: what failed, what the recipe asks for, and why.
 *
 * @param attempts recovery attempts already made for the scenario
 * @param cause the exception of the failed call, when there is one
 */
public record Escalation(
    String role,
    String phase,
    String workerId,
    FailureScenario scenario,
    EscalationPolicy policy,
    int attempts,
    String reason,
    Optional<Throwable> cause) {

  public Escalation {
    Objects.requireNonNull(role, "role is null");
    Objects.requireNonNull(phase, "phase is null");
    Objects.requireNonNull(workerId, "workerId is null");
    Objects.requireNonNull(scenario, "scenario is null");
    Objects.requireNonNull(policy, "policy is null");
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(cause, "cause is null");
  }
}
