package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.CompletionAck;
import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.HeartbeatResult;
import dev.agentdispatch.sdk.model.Lease;
import dev.agentdispatch.sdk.model.LeaseRequest;
import dev.agentdispatch.sdk.model.RejectedLease;
import dev.agentdispatch.sdk.model.WorkerEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The worker side of the API: lease, heartbeat, complete and append events. Obtained from {@link
 * DispatchClient#workers()}; the {@code Worker} uses it, and so can workers written by hand.
 */
public final class WorkerEndpoints {
  private final HttpTransport transport;

  WorkerEndpoints(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * Long-polls for work: returns as soon as leases are granted, or empty after the wait.
   *
   * @param request what to lease
   * @return the granted leases, possibly none
   */
  public List<Lease> lease(LeaseRequest request) {
    return transport
        .send(
            "POST",
            transport.namespaced("/workers/lease"),
            Optional.of(request),
            Duration.ofMillis(request.waitMs()),
            LeaseBatch.class)
        .leases();
  }

  /**
   * Renews leases and learns which were cancelled or lost.
   *
   * @param workerId the worker
   * @param leaseIds its running leases
   * @param leaseSeconds the renewed lease length
   * @return what became of each lease
   */
  public HeartbeatResult heartbeat(String workerId, List<String> leaseIds, int leaseSeconds) {
    return transport.send(
        "POST",
        transport.namespaced("/workers/heartbeat"),
        Optional.of(new HeartbeatRequest(workerId, leaseIds, leaseSeconds)),
        Duration.ZERO,
        HeartbeatResult.class);
  }

  /**
   * Reports the outcomes of leases in one batch. When the server refuses every result (HTTP 409,
   * all leases stale), this returns them as rejected instead of throwing: retrying cannot help.
   *
   * @param workerId the worker
   * @param results the outcomes
   * @return which results were accepted or rejected
   */
  public CompletionAck complete(String workerId, List<CompletionResult> results) {
    try {
      return transport.send(
          "POST",
          transport.namespaced("/workers/complete"),
          Optional.of(new CompleteRequest(workerId, results)),
          Duration.ZERO,
          CompletionAck.class);
    } catch (DispatchApiException e) {
      if (e.status() != 409) {
        throw e;
      }
      return new CompletionAck(List.of(), rejectedFrom(e, results));
    }
  }

  /**
   * Appends entries to the event log of a leased invocation.
   *
   * @param workerId the worker
   * @param leaseId the lease
   * @param events the entries
   * @return how many the server appended
   */
  public int appendEvents(String workerId, String leaseId, List<WorkerEvent> events) {
    JsonNode answer =
        transport.send(
            "POST",
            transport.namespaced("/workers/events"),
            Optional.of(new EventsRequest(workerId, leaseId, events)),
            Duration.ZERO);
    return answer.path("appended").asInt(events.size());
  }

  private static List<RejectedLease> rejectedFrom(
      DispatchApiException e, List<CompletionResult> sent) {
    JsonNode rejected = e.details().map(d -> d.path("rejected")).orElse(null);
    if (rejected != null && rejected.isArray()) {
      return Arrays.asList(Json.wire().treeToValue(rejected, RejectedLease[].class));
    }
    return sent.stream()
        .map(r -> new RejectedLease(r.leaseId(), e.errorMessage()))
        .collect(Collectors.toList());
  }

  record LeaseBatch(List<Lease> leases) {
    LeaseBatch {
      leases = leases == null ? List.of() : List.copyOf(leases);
    }
  }

  record HeartbeatRequest(String workerId, List<String> leaseIds, int leaseSeconds) {}

  record CompleteRequest(String workerId, List<CompletionResult> results) {}

  record EventsRequest(String workerId, String leaseId, List<WorkerEvent> events) {}
}
