package dev.agentdispatch.runtime.events;

import static dev.agentdispatch.runtime.events.AgentEventName.*;
import static dev.agentdispatch.runtime.events.AgentEventStatus.*;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import java.util.Map;
import java.util.Objects;

/**
 * Factories for the standard events, stamped by an injected clock. Each factory fixes the status
 * the specification assigns to it (e.g. {@code toolCompleted} is COMPLETED, {@code gateFailed} is
 * RED, {@code failed(CANCELLED)} is CANCELLED).
 */
public final class AgentEvents {
  private final RuntimeClock clock;

  public AgentEvents(RuntimeClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  private AgentEvent make(AgentEventName name, AgentEventStatus status, String role, String phase) {
    return AgentEvent.of(name, status, clock.wallNow()).withRolePhase(role, phase);
  }

  public AgentEvent started(String role, String phase) {
    return make(STARTED, RUNNING, role, phase);
  }

  public AgentEvent phaseStarted(String role, String phase) {
    return make(PHASE_STARTED, RUNNING, role, phase);
  }

  public AgentEvent phaseCompleted(String role, String phase) {
    return make(PHASE_COMPLETED, AgentEventStatus.COMPLETED, role, phase);
  }

  /** {@code phase.started} of a phase as a whole, with no role (an orchestrator's event). */
  public AgentEvent phaseStarted(String phase) {
    return phaseOnly(PHASE_STARTED, RUNNING, phase);
  }

  /** {@code phase.completed} of a phase as a whole, with no role. */
  public AgentEvent phaseCompleted(String phase) {
    return phaseOnly(PHASE_COMPLETED, AgentEventStatus.COMPLETED, phase);
  }

  private AgentEvent phaseOnly(AgentEventName name, AgentEventStatus status, String phase) {
    return new AgentEvent(
        name,
        status,
        clock.wallNow(),
        java.util.Optional.empty(),
        java.util.Optional.of(dev.agentdispatch.runtime.internal.Checks.nonBlank(phase, "phase")),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  public AgentEvent ready(String role, String phase) {
    return make(AgentEventName.READY, AgentEventStatus.READY, role, phase);
  }

  public AgentEvent completed(String role, String phase) {
    return make(AgentEventName.COMPLETED, AgentEventStatus.COMPLETED, role, phase);
  }

  public AgentEvent blocked(String role, String phase) {
    return make(AgentEventName.BLOCKED, AgentEventStatus.BLOCKED, role, phase);
  }

  public AgentEvent toolCalled(String role, String phase, String tool) {
    return make(TOOL_CALLED, RUNNING, role, phase).withData(Map.of("tool", tool));
  }

  public AgentEvent toolCompleted(String role, String phase, String tool) {
    return make(TOOL_COMPLETED, AgentEventStatus.COMPLETED, role, phase)
        .withData(Map.of("tool", tool));
  }

  /** {@code agent.failed}; the status is CANCELLED when {@code fc} is CANCELLED, else FAILED. */
  public AgentEvent failed(String role, String phase, AgentFailureClass fc) {
    AgentEventStatus status =
        fc == AgentFailureClass.CANCELLED ? CANCELLED : AgentEventStatus.FAILED;
    return new AgentEvent(
        AgentEventName.FAILED,
        status,
        clock.wallNow(),
        java.util.Optional.of(role),
        java.util.Optional.of(phase),
        java.util.Optional.empty(),
        java.util.Optional.of(fc),
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  public AgentEvent gateEvaluated(String role, String phase) {
    return make(GATE_EVALUATED, RUNNING, role, phase);
  }

  public AgentEvent gatePassed(String role, String phase) {
    return make(GATE_PASSED, GREEN, role, phase);
  }

  public AgentEvent gateFailed(String role, String phase) {
    return make(GATE_FAILED, RED, role, phase);
  }

  public AgentEvent recoveryAttempted(String role, String phase) {
    return make(RECOVERY_ATTEMPTED, RUNNING, role, phase);
  }

  public AgentEvent recoverySucceeded(String role, String phase) {
    return make(RECOVERY_SUCCEEDED, RUNNING, role, phase);
  }

  public AgentEvent recoveryFailed(String role, String phase) {
    return make(RECOVERY_FAILED, AgentEventStatus.FAILED, role, phase);
  }

  public AgentEvent recoveryEscalated(String role, String phase) {
    return make(RECOVERY_ESCALATED, AgentEventStatus.FAILED, role, phase);
  }

  /**
   * {@code governance.breach}: FAILED, class GOVERNANCE_BREACH, detail {@code "{limit}: {observed}
   * > {ceiling}"}, data {limit_name, observed, ceiling, scope}.
   */
  public AgentEvent governanceBreach(
      String role, String phase, dev.agentdispatch.runtime.governance.LimitOutcome outcome) {
    return make(GOVERNANCE_BREACH, AgentEventStatus.FAILED, role, phase)
        .withFailureClass(AgentFailureClass.GOVERNANCE_BREACH)
        .withDetail(outcome.detail())
        .withData(outcome.data());
  }

  /** {@code governance.alert}: RUNNING, the breach's detail and data, no failure class. */
  public AgentEvent governanceAlert(
      String role, String phase, dev.agentdispatch.runtime.governance.LimitOutcome outcome) {
    return make(GOVERNANCE_ALERT, RUNNING, role, phase)
        .withDetail(outcome.detail())
        .withData(outcome.data());
  }

  public AgentEvent providerSwitched(String role, String phase, String from, String to) {
    return make(PROVIDER_SWITCHED, RUNNING, role, phase)
        .withDetail(from + " → " + to)
        .withData(Map.of("from", from, "to", to));
  }
}
