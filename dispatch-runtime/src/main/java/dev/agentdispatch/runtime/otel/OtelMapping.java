package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelAttributes.*;

import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEventName;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.internal.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Maps agent events to OpenTelemetry attribute maps, without depending on OpenTelemetry. */
public final class OtelMapping {
  private OtelMapping() {}

  /**
   * The event's own attributes ({@code to_otel_attributes}): agent.event, status, timestamp,
   * optional fields.
   */
  public static Map<String, Object> eventAttributes(AgentEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(AGENT_EVENT, e.event().value());
    m.put(AGENT_EVENT_STATUS, e.status().value());
    m.put(AGENT_EVENT_TIMESTAMP, Timestamps.format(e.emittedAt()));
    e.role().ifPresent(v -> m.put(AGENT_ROLE, v));
    e.phase().ifPresent(v -> m.put(AGENT_PHASE, v));
    e.projectId().ifPresent(v -> m.put(AGENT_PROJECT_ID, v));
    e.failureClass().ifPresent(v -> m.put(AGENT_FAILURE_CLASS, v.value()));
    e.detail().ifPresent(v -> m.put(AGENT_DETAIL, v));
    return m;
  }

  /** {@code gen_ai.operation.name} for an event. */
  public static String operationName(AgentEvent e) {
    AgentEventName n = e.event();
    if (n == AgentEventName.STARTED || n == AgentEventName.READY) {
      return OP_CREATE_AGENT;
    }
    if (n == AgentEventName.TOOL_CALLED
        || n == AgentEventName.TOOL_COMPLETED
        || (n == AgentEventName.FAILED && tool(e).isPresent())) {
      return OP_EXECUTE_TOOL;
    }
    if (n == AgentEventName.PHASE_STARTED || n == AgentEventName.PHASE_COMPLETED) {
      return OP_INVOKE_WORKFLOW;
    }
    return OP_INVOKE_AGENT;
  }

  /** "{op} {tool}" for tool spans, "{op} {role}" otherwise, or just the operation. */
  public static String spanName(AgentEvent e) {
    String op = operationName(e);
    Optional<String> suffix = op.equals(OP_EXECUTE_TOOL) ? tool(e) : e.role();
    return suffix.map(s -> op + " " + s).orElse(op);
  }

  /**
   * The GenAI span attributes of an event. {@code error.type} carries the failure class, except for
   * {@code cancelled}, which is not an error. Data values become {@code techrevati.data.*} only
   * when they are booleans, strings, integers or finite floats; message payloads are never
   * flattened.
   */
  public static Map<String, Object> spanAttributes(
      AgentEvent e, String providerName, Optional<String> agentId, boolean includeDetail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(GEN_AI_OPERATION_NAME, operationName(e));
    m.put(GEN_AI_PROVIDER_NAME, providerName);
    e.role().ifPresent(v -> m.put(GEN_AI_AGENT_NAME, v));
    agentId.ifPresent(v -> m.put(GEN_AI_AGENT_ID, v));
    e.phase().ifPresent(v -> m.put(PHASE, v));
    m.putAll(outcomeAttributes(e, includeDetail));
    return m;
  }

  /**
   * What an event says about its outcome: the detail (only when included), the failure class with
   * {@code error.type} (not for {@code cancelled}), and the scalar data values as {@code
   * techrevati.data.*}. Part of {@link #spanAttributes}; on its own it describes an event that is
   * recorded on a span rather than as one.
   */
  public static Map<String, Object> outcomeAttributes(AgentEvent e, boolean includeDetail) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (includeDetail) {
      e.detail().ifPresent(v -> m.put(DETAIL, v));
    }
    e.failureClass()
        .ifPresent(fc -> {
          m.put(FAILURE_CLASS, fc.value());
          if (fc != AgentFailureClass.CANCELLED) {
            m.put(ERROR_TYPE, fc.value());
          }
        });
    e.data()
        .ifPresent(data ->
            data.forEach((k, v) -> {
              if (k.equals(GEN_AI_INPUT_MESSAGES) || k.equals(GEN_AI_OUTPUT_MESSAGES)) {
                return;
              }
              if (v instanceof Boolean
                  || v instanceof String
                  || v instanceof Integer
                  || v instanceof Long
                  || (v instanceof Double d && Double.isFinite(d))) {
                m.put(DATA_PREFIX + k, v);
              }
            }));
    return m;
  }

  /**
   * Whether the span of this event should have ERROR status (a failure class other than cancelled).
   */
  public static boolean isError(AgentEvent e) {
    return e.failureClass().filter(fc -> fc != AgentFailureClass.CANCELLED).isPresent();
  }

  private static Optional<String> tool(AgentEvent e) {
    return e.data()
        .map(d -> d.get("tool"))
        .filter(String.class::isInstance)
        .map(String.class::cast);
  }
}
