package dev.agentdispatch.runtime.lifecycle;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** All workers of a process (or a test), keyed by id. Thread-safe. */
public final class AgentRegistry {
  private final RuntimeClock clock;
  private final Map<String, AgentWorker> workers = new LinkedHashMap<>();

  public AgentRegistry() {
    this(RuntimeClock.system());
  }

  public AgentRegistry(RuntimeClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** Creates an IDLE worker with id {@code "{role}-{phase}-{8 hex}"}. */
  public synchronized AgentWorker create(String role, String phase, Optional<Long> projectId) {
    String id =
        role + "-" + phase + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    AgentWorker w = new AgentWorker(id, role, phase, projectId, clock);
    workers.put(id, w);
    return w;
  }

  public synchronized Optional<AgentWorker> get(String workerId) {
    return Optional.ofNullable(workers.get(workerId));
  }

  /**
   * @throws NoSuchElementException for an unknown worker
   */
  public AgentWorkerEvent transition(String workerId, AgentStatus target, Optional<String> detail) {
    AgentWorker w =
        get(workerId).orElseThrow(() -> new NoSuchElementException("unknown worker: " + workerId));
    return w.transition(target, detail);
  }

  /** Workers that are not terminal. */
  public synchronized List<AgentWorker> listActive() {
    List<AgentWorker> out = new ArrayList<>();
    workers
        .values()
        .forEach(w -> {
          if (!w.status().isTerminal()) out.add(w);
        });
    return out;
  }

  /** The first non-terminal worker with this role and phase. */
  public synchronized Optional<AgentWorker> getByRolePhase(String role, String phase) {
    return workers.values().stream()
        .filter(w -> w.role().equals(role) && w.phase().equals(phase) && !w.status().isTerminal())
        .findFirst();
  }

  public synchronized List<AgentWorker> getByProject(long projectId) {
    return workers.values().stream()
        .filter(w -> w.projectId().equals(Optional.of(projectId)))
        .toList();
  }

  public synchronized void clear() {
    workers.clear();
  }
}
