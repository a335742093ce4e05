package dev.agentdispatch.server.app.workers;

import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.auth.Caller;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.NewEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The requests of the pull-delivery protocol (DESIGN §5), each checked as it is made. */
public final class WorkerRequests {
  public static final int MAX_LEASE_BATCH = 1000;
  public static final int MAX_WAIT_MS = 60_000;
  public static final int DEFAULT_LEASE_SECONDS = 30;
  public static final int MAX_LEASE_SECONDS = 3600;
  public static final int MAX_WORKER_ID_LENGTH = 200;

  /** The kinds of entry a worker may append to an invocation's log. */
  public static final Set<String> EVENT_TYPES = Set.of("log", "progress", "output", "custom");

  private WorkerRequests() {}

  /**
   * Lease up to {@code max} attempts of {@code agent} (of {@code functions}; empty: any), waiting
   * up to {@code wait}.
   */
  public record Lease(
      String workerId,
      String agent,
      Set<String> functions,
      int max,
      Duration waitFor,
      Duration leaseFor,
      boolean reportsLiveness) {
    public Lease {
      checkWorkerId(workerId);
      Check.name(agent, "agent");
      functions = Set.copyOf(Check.bounded(functions, "functions"));
    }

    /**
     * A lease taken by the server itself to push the attempts to the agent: the agent's health
     * follows the agent's own signs of life, never these polls.
     */
    public static Lease forPush(
        String deliverer, String agent, int max, Duration waitFor, Duration leaseFor) {
      return new Lease(deliverer, agent, Set.of(), max, waitFor, leaseFor, false);
    }

    /** From wire values, any optional one null. */
    public static Lease of(
        String workerId,
        String agent,
        List<String> functions,
        Integer max,
        Integer waitMs,
        Integer leaseSeconds) {
      return new Lease(
          workerId,
          agent,
          functions == null ? Set.of() : Set.copyOf(Check.bounded(functions, "functions")),
          Check.range(max, 1, 1, MAX_LEASE_BATCH, "max"),
          Duration.ofMillis(Check.range(waitMs, 0, 0, MAX_WAIT_MS, "wait_ms")),
          leaseSeconds(leaseSeconds),
          true);
    }
  }

  /** Renew the leases a worker holds. */
  public record Heartbeat(String workerId, List<String> leaseIds, Duration leaseFor) {
    public Heartbeat {
      checkWorkerId(workerId);
      leaseIds = List.copyOf(Check.bounded(leaseIds, "lease_ids"));
    }

    public static Heartbeat of(String workerId, List<String> leaseIds, Integer leaseSeconds) {
      return new Heartbeat(
          workerId, leaseIds == null ? List.of() : leaseIds, leaseSeconds(leaseSeconds));
    }
  }

  /** Report how attempts ended; each result is fenced by its lease. */
  public record Complete(String workerId, List<Completion> results) {
    public Complete {
      checkWorkerId(workerId);
      if (results.isEmpty()) {
        throw new ServiceException.Invalid("'results' must list at least one result");
      }
      results = List.copyOf(Check.bounded(results, "results"));
    }
  }

  /** Append entries to the log of the invocation held under {@code leaseId}. */
  public record AppendEvents(String workerId, String leaseId, List<NewEvent> events) {
    public AppendEvents {
      checkWorkerId(workerId);
      Check.required(leaseId, "lease_id");
      Check.bounded(events, "events");
      for (NewEvent e : events) {
        if (!EVENT_TYPES.contains(e.type())) {
          throw new ServiceException.Invalid(
              "event type must be one of " + EVENT_TYPES + "; got '" + e.type() + "'");
        }
      }
      events = List.copyOf(events);
    }
  }

  /**
   * One result from wire values: {@code status} is {@code completed}, {@code error}, {@code
   * cancelled} or {@code waiting_for_input}; {@code where} names it in errors (e.g. {@code
   * results[2]}). {@code consumedInputs} are the steered session inputs the run took; a failed
   * attempt takes none.
   */
  public static Completion result(
      String where,
      String leaseId,
      String status,
      String resultJson,
      Optional<ErrorInfo> error,
      Boolean retryable,
      String promptJson,
      List<String> consumedInputs) {
    if (leaseId == null) {
      throw new ServiceException.Invalid(where + ".lease_id is required");
    }
    Check.bounded(consumedInputs, where + ".consumed_inputs");
    return switch (Check.required(status, where + ".status")) {
      case "completed" ->
          new Completion.Completed(
              leaseId, resultJson == null ? "null" : resultJson, consumedInputs);
      case "error" ->
          new Completion.Failed(
              leaseId,
              error.orElseThrow(() ->
                  new ServiceException.Invalid(
                      where + ".error.error (the message) is required when status is error")),
              retryable == null || retryable);
      case "cancelled" -> new Completion.CancelAcknowledged(leaseId, consumedInputs);
      case "waiting_for_input" ->
          new Completion.WaitingForInput(
              leaseId, promptJson == null ? "null" : promptJson, consumedInputs);
      default ->
          throw new ServiceException.Invalid(
              where
                  + ".status must be completed, error, cancelled or"
                  + " waiting_for_input; got '"
                  + status
                  + "'");
    };
  }

  private static Duration leaseSeconds(Integer seconds) {
    return Duration.ofSeconds(
        Check.range(seconds, DEFAULT_LEASE_SECONDS, 1, MAX_LEASE_SECONDS, "lease_seconds"));
  }

  /**
   * The worker id under which a caller's worker holds its leases: the id it sent, scoped by its API
   * key ({@code worker@key-id}) when auth is on. Another key's worker that sends the same id is
   * therefore another worker, and can neither complete, renew nor log to these leases, even if it
   * learned their ids. On a dev server without keys the id is kept as sent.
   */
  public static String scopedToKey(Caller caller, String workerId) {
    checkLength(workerId, MAX_WORKER_ID_LENGTH);
    return caller.equals(Caller.DEV) ? workerId : workerId + "@" + caller.keyId();
  }

  /**
   * Whether {@code workerId} may log to a lease {@code holder} holds: when the holder's id has a
   * last {@code @} part (with auth on, its key scope), the writer's id must end with the same part,
   * so a lease taken with a key takes events only from that key's workers. A lease the server's
   * push deliverer holds ({@code push-…}, no {@code @}) was handed to the agent it pushed to, whose
   * events come with a worker id of its own: for it the lease id is the capability.
   */
  public static boolean mayLogFor(String holder, String workerId) {
    int scope = holder.lastIndexOf('@');
    return scope < 0 || workerId.endsWith(holder.substring(scope));
  }

  /** Room for a key scope ({@code @} and a key id) after a worker id of the longest kind. */
  private static final int KEY_SCOPE_ROOM = 65;

  private static void checkWorkerId(String workerId) {
    checkLength(workerId, MAX_WORKER_ID_LENGTH + KEY_SCOPE_ROOM);
  }

  private static void checkLength(String workerId, int max) {
    if (Check.required(workerId, "worker_id").length() > max) {
      throw new ServiceException.Invalid(
          "worker_id must be at most " + MAX_WORKER_ID_LENGTH + " characters");
    }
  }
}
