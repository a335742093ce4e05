package dev.agentdispatch.runtime.lifecycle;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import dev.agentdispatch.runtime.internal.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One agent's lifecycle: its status and the history of transitions. Thread-safe. */
public final class AgentWorker {
  private final String workerId;
  private final String role;
  private final String phase;
  private final Optional<Long> projectId;
  private final RuntimeClock clock;
  private final Instant createdAt;
  private final List<AgentWorkerEvent> events = new ArrayList<>();
  private AgentStatus status = AgentStatus.IDLE;
  private int retryCount;
  private Map<String, Object> lastError; // null when none
  private String providerUsed; // null when none
  private Instant updatedAt;

  public AgentWorker(
      String workerId, String role, String phase, Optional<Long> projectId, RuntimeClock clock) {
    this.workerId = Objects.requireNonNull(workerId, "workerId is null");
    this.role = Objects.requireNonNull(role, "role is null");
    this.phase = Objects.requireNonNull(phase, "phase is null");
    this.projectId = Objects.requireNonNull(projectId, "projectId is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.createdAt = clock.wallNow();
    this.updatedAt = createdAt;
  }

  /**
   * Moves to {@code target}, appending an event. A move to FAILED with a non-empty detail also
   * records {@code last_error}.
   *
   * @throws InvalidTransitionException when the table does not allow the move
   */
  public synchronized AgentWorkerEvent transition(AgentStatus target, Optional<String> detail) {
    if (!status.canTransitionTo(target)) {
      throw new InvalidTransitionException(status, target);
    }
    Instant now = clock.wallNow();
    status = target;
    updatedAt = now;
    AgentWorkerEvent event =
        new AgentWorkerEvent(events.size() + 1, target.value(), target, detail, now);
    events.add(event);
    if (target == AgentStatus.FAILED && detail.filter(d -> !d.isEmpty()).isPresent()) {
      lastError = Map.of("message", detail.get(), "timestamp", Timestamps.format(now));
    }
    return event;
  }

  public AgentWorkerEvent transition(AgentStatus target) {
    return transition(target, Optional.empty());
  }

  public String workerId() {
    return workerId;
  }

  public String role() {
    return role;
  }

  public String phase() {
    return phase;
  }

  public Optional<Long> projectId() {
    return projectId;
  }

  public synchronized AgentStatus status() {
    return status;
  }

  public synchronized List<AgentWorkerEvent> events() {
    return List.copyOf(events);
  }

  public synchronized int retryCount() {
    return retryCount;
  }

  public synchronized void incrementRetryCount() {
    retryCount++;
  }

  public synchronized Optional<Map<String, Object>> lastError() {
    return Optional.ofNullable(lastError);
  }

  public synchronized Optional<String> providerUsed() {
    return Optional.ofNullable(providerUsed);
  }

  public synchronized void providerUsed(String provider) {
    this.providerUsed = provider;
  }

  /** The {@code to_dict} keys of the Python worker. */
  public synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("worker_id", workerId);
    m.put("role", role);
    m.put("phase", phase);
    m.put("project_id", projectId.orElse(null));
    m.put("status", status.value());
    List<Map<String, Object>> evs = new ArrayList<>();
    for (AgentWorkerEvent e : events) {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("seq", e.seq());
      em.put("kind", e.kind());
      em.put("status", e.status().value());
      em.put("detail", e.detail().orElse(null));
      em.put("timestamp", Timestamps.format(e.timestamp()));
      evs.add(em);
    }
    m.put("events", evs);
    m.put("retry_count", retryCount);
    m.put("last_error", lastError);
    m.put("provider_used", providerUsed);
    m.put("created_at", Timestamps.format(createdAt));
    m.put("updated_at", Timestamps.format(updatedAt));
    return m;
  }
}
