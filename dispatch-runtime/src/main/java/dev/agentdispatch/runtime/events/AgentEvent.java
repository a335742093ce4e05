package dev.agentdispatch.runtime.events;

import dev.agentdispatch.runtime.internal.Json;
import dev.agentdispatch.runtime.internal.Maps;
import dev.agentdispatch.runtime.internal.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One typed agent event. Invariants: {@code agent.failed} carries a failure class, and for {@code
 * agent.failed} the class is CANCELLED exactly when the status is CANCELLED.
 *
 * <p>An {@code agent.failed} event <em>with data</em> is a non-terminal warning (a budget or usage
 * limit overrun, a tool failure); one without data ends the session. {@link #terminal()} states
 * this convention explicitly.
 */
public record AgentEvent(
    AgentEventName event,
    AgentEventStatus status,
    Instant emittedAt,
    Optional<String> role,
    Optional<String> phase,
    Optional<Long> projectId,
    Optional<AgentFailureClass> failureClass,
    Optional<String> detail,
    Optional<Map<String, Object>> data) {

  public AgentEvent {
    Objects.requireNonNull(event, "event is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(emittedAt, "emittedAt is null");
    Objects.requireNonNull(role, "role is null");
    Objects.requireNonNull(phase, "phase is null");
    Objects.requireNonNull(projectId, "projectId is null");
    Objects.requireNonNull(failureClass, "failureClass is null");
    Objects.requireNonNull(detail, "detail is null");
    data = Objects.requireNonNull(data, "data is null").map(Maps::deepCopy);
    projectId.ifPresent(id -> {
      if (id < 0) {
        throw new IllegalArgumentException("project_id must be an int >= 0 or None");
      }
    });
    if (event == AgentEventName.FAILED) {
      AgentFailureClass fc =
          failureClass.orElseThrow(
              () -> new IllegalArgumentException("agent.failed requires a failure_class"));
      if ((fc == AgentFailureClass.CANCELLED) != (status == AgentEventStatus.CANCELLED)) {
        throw new IllegalArgumentException(
            "agent.failed: failure_class cancelled iff status cancelled (got "
                + fc.value()
                + "/"
                + status.value()
                + ")");
      }
    }
  }

  /** A bare event with no optional fields. */
  public static AgentEvent of(AgentEventName event, AgentEventStatus status, Instant at) {
    return new AgentEvent(
        event,
        status,
        at,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The last dotted segment of the name, e.g. {@code "failed"}. */
  public String type() {
    return event.type();
  }

  /** True for a session-ending {@code agent.failed} (one without data). */
  public boolean terminal() {
    return event == AgentEventName.FAILED && data.isEmpty();
  }

  public AgentEvent withFailureClass(AgentFailureClass fc) {
    return new AgentEvent(
        event, status, emittedAt, role, phase, projectId, Optional.of(fc), detail, data);
  }

  public AgentEvent withDetail(String text) {
    return new AgentEvent(
        event, status, emittedAt, role, phase, projectId, failureClass, Optional.of(text), data);
  }

  public AgentEvent withData(Map<String, ?> values) {
    return new AgentEvent(
        event,
        status,
        emittedAt,
        role,
        phase,
        projectId,
        failureClass,
        detail,
        Optional.of(Maps.deepCopy(values)));
  }

  public AgentEvent withProject(long id) {
    return new AgentEvent(
        event, status, emittedAt, role, phase, Optional.of(id), failureClass, detail, data);
  }

  public AgentEvent withRolePhase(String newRole, String newPhase) {
    return new AgentEvent(
        event,
        status,
        emittedAt,
        Optional.of(newRole),
        Optional.of(newPhase),
        projectId,
        failureClass,
        detail,
        data);
  }

  /** The wire map: event, type, status, emitted_at, then the optional fields that are present. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", event.value());
    m.put("type", type());
    m.put("status", status.value());
    m.put("emitted_at", Timestamps.format(emittedAt));
    role.ifPresent(v -> m.put("role", v));
    phase.ifPresent(v -> m.put("phase", v));
    projectId.ifPresent(v -> m.put("project_id", v));
    failureClass.ifPresent(v -> m.put("failure_class", v.value()));
    detail.ifPresent(v -> m.put("detail", v));
    data.ifPresent(v -> m.put("data", v));
    return m;
  }

  /** The wire JSON. */
  public String toJson() {
    return Json.write(toMap());
  }

  /** Rebuilds an event from {@link #toMap()}; {@code type} is derived, so it is ignored. */
  @SuppressWarnings("unchecked")
  public static AgentEvent fromMap(Map<String, ?> m) {
    Object project = m.get("project_id");
    return new AgentEvent(
        AgentEventName.fromValue((String) m.get("event")),
        AgentEventStatus.fromValue((String) m.get("status")),
        Timestamps.parse((String) m.get("emitted_at")),
        Optional.ofNullable((String) m.get("role")),
        Optional.ofNullable((String) m.get("phase")),
        Optional.ofNullable(project == null ? null : ((Number) project).longValue()),
        Optional.ofNullable((String) m.get("failure_class")).map(AgentFailureClass::fromValue),
        Optional.ofNullable((String) m.get("detail")),
        Optional.ofNullable((Map<String, Object>) m.get("data")));
  }

  /** Parses {@link #toJson()}. */
  public static AgentEvent fromJson(String json) {
    return fromMap(Json.readObject(json));
  }
}
