package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.WorkerEndpoints;
import dev.agentdispatch.sdk.model.WorkerEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a batch of events, one {@code POST /workers/events} per lease. Best-effort: a failure
 * loses those lines from the server's log (they are still in the local log) and nothing else.
 */
final class EventSender implements Consumer<List<LeaseEvent>> {
  private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);

  private final WorkerEndpoints endpoints;
  private final String workerId;

  EventSender(WorkerEndpoints endpoints, String workerId) {
    this.endpoints = endpoints;
    this.workerId = workerId;
  }

  @Override
  public void accept(List<LeaseEvent> batch) {
    byLease(batch).forEach(this::send);
  }

  static Map<String, List<WorkerEvent>> byLease(List<LeaseEvent> batch) {
    Map<String, List<WorkerEvent>> grouped = new LinkedHashMap<>();
    for (LeaseEvent e : batch) {
      grouped.computeIfAbsent(e.leaseId(), id -> new ArrayList<>()).add(e.event());
    }
    return grouped;
  }

  private void send(String leaseId, List<WorkerEvent> events) {
    try {
      endpoints.appendEvents(workerId, leaseId, events);
    } catch (RuntimeException e) {
      LOG.debug("dropped {} events of lease {}: {}", events.size(), leaseId, e.getMessage());
    }
  }
}
