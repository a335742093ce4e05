package dev.agentdispatch.runtime.events;

import java.util.Objects;

/** The closed set of agent event names. */
public enum AgentEventName {
  STARTED("agent.started"),
  READY("agent.ready"),
  BLOCKED("agent.blocked"),
  TOOL_CALLED("agent.tool_called"),
  TOOL_COMPLETED("agent.tool_completed"),
  COMPLETED("agent.completed"),
  FAILED("agent.failed"),
  PHASE_STARTED("phase.started"),
  PHASE_COMPLETED("phase.completed"),
  GATE_EVALUATED("phase.gate_evaluated"),
  GATE_PASSED("phase.gate_passed"),
  GATE_FAILED("phase.gate_failed"),
  RECOVERY_ATTEMPTED("agent.recovery.attempted"),
  RECOVERY_SUCCEEDED("agent.recovery.succeeded"),
  RECOVERY_FAILED("agent.recovery.failed"),
  RECOVERY_ESCALATED("agent.recovery.escalated"),
  PROVIDER_SWITCHED("agent.recovery.provider_switched"),
  HOOK_PRE_TOOL("hook.pre_tool"),
  HOOK_POST_TOOL("hook.post_tool"),
  GOVERNANCE_BREACH("governance.breach"),
  GOVERNANCE_ALERT("governance.alert"),
  OVERSIGHT_REVIEW_REQUESTED("oversight.review_requested"),
  OVERSIGHT_REVIEW_RESOLVED("oversight.review_resolved");

  private final String value;

  AgentEventName(String value) {
    this.value = value;
  }

  /** The dotted wire value, e.g. {@code "agent.tool_called"}. */
  public String value() {
    return value;
  }

  /** The last dotted segment, e.g. {@code "tool_called"}. */
  public String type() {
    return value.substring(value.lastIndexOf('.') + 1);
  }

  /** Parses a dotted wire value. */
  public static AgentEventName fromValue(String value) {
    Objects.requireNonNull(value, "event is null");
    for (AgentEventName n : values()) {
      if (n.value.equals(value)) {
        return n;
      }
    }
    throw new IllegalArgumentException("event must be a valid AgentEventName: " + value);
  }

  @Override
  public String toString() {
    return value;
  }
}
