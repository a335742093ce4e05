package dev.agentdispatch.sdk.worker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The leases this worker is running, by lease id. */
final class LeaseRegistry {
  private final Map<String, RunningLease> running = new ConcurrentHashMap<>();

  void add(RunningLease lease) {
    running.put(lease.leaseId(), lease);
  }

  void remove(String leaseId) {
    running.remove(leaseId);
  }

  Optional<RunningLease> get(String leaseId) {
    return Optional.ofNullable(running.get(leaseId));
  }

  /** Leases still worth heartbeating: not yet cancelled, lost or abandoned. */
  List<String> activeIds() {
    return running.values().stream()
        .filter(r -> r.state() == RunningLease.State.RUNNING)
        .map(RunningLease::leaseId)
        .collect(Collectors.toList());
  }

  int size() {
    return running.size();
  }

  /** Gives up on every lease still running; returns how many there were. */
  int abandonAll() {
    int count = 0;
    for (RunningLease lease : running.values()) {
      if (lease.abandon()) {
        count++;
      }
    }
    return count;
  }
}
