package dev.agentdispatch.server.workers;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.invocations.InvocationView.MessageView;
import dev.agentdispatch.server.workers.WorkerBodies.CompleteBody;
import dev.agentdispatch.server.workers.WorkerBodies.EventBody;
import dev.agentdispatch.server.workers.WorkerBodies.HeartbeatBody;
import dev.agentdispatch.server.workers.WorkerBodies.LeaseBody;
import dev.agentdispatch.server.workers.WorkerBodies.ResultBody;
import dev.agentdispatch.store.agent.AgentStore;
import dev.agentdispatch.store.invocation.ClaimRequest;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.CompletionResult;
import dev.agentdispatch.store.invocation.HeartbeatResult;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.invocation.NewEvent;
import dev.agentdispatch.server.sessions.SessionViews.InputView;
import dev.agentdispatch.store.session.SessionStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The pull-delivery protocol: lease (long-poll), heartbeat, complete, events (DESIGN §5, §6). */
public final class WorkerService {
  public static final int MAX_LEASE_BATCH = 1000;
  public static final int MAX_WAIT_MS = 60_000;
  public static final int DEFAULT_LEASE_SECONDS = 30;
  private static final int MAX_LEASE_SECONDS = 3600;
  private static final Set<String> EVENT_TYPES = Set.of("log", "progress", "output", "custom");
  /**
   * A waiting poll re-checks the database at least this often, so a wake-up lost between nodes (a
   * dropped NOTIFY) costs latency, never work.
   */
  private static final Duration FALLBACK_POLL = Duration.ofSeconds(2);
  /** Worker liveness is written at most this often per worker: polls are frequent, liveness is coarse. */
  private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(5);

  private final InvocationStore invocations;
  private final SessionStore sessions;
  private final AgentStore agents;
  private final WorkSignals signals;
  private final Clock clock;
  private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

  public WorkerService(InvocationStore invocations, AgentStore agents, SessionStore sessions, WorkSignals signals,
      Clock clock) {
    this.invocations = invocations;
    this.sessions = sessions;
    this.agents = agents;
    this.signals = signals;
    this.clock = clock;
  }

  /** Leases up to {@code max} attempts, waiting up to {@code wait_ms} for work to arrive. */
  public List<LeaseView> lease(String namespace, LeaseBody body) throws InterruptedException {
    String workerId = requireWorker(body.workerId());
    String agent = Names.require(required(body.agent(), "agent"), "agent");
    int max = range(body.max(), 1, 1, MAX_LEASE_BATCH, "max");
    int waitMs = range(body.waitMs(), 0, 0, MAX_WAIT_MS, "wait_ms");
    Duration leaseFor = Duration.ofSeconds(range(body.leaseSeconds(), DEFAULT_LEASE_SECONDS, 1, MAX_LEASE_SECONDS, "lease_seconds"));
    Set<String> functions = body.functions() == null ? Set.of() : Set.copyOf(body.functions());
    touch(namespace, agent, workerId);
    ClaimRequest request = new ClaimRequest(namespace, agent, functions, workerId, max, leaseFor);
    Instant deadline = clock.instant().plusMillis(waitMs);
    while (true) {
      long seen = signals.version(namespace, agent);
      List<Invocation> leased = invocations.claim(request, clock.instant());
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (!leased.isEmpty() || remaining.isNegative() || remaining.isZero() || signals.closed()) {
        return leased.stream().map(i -> LeaseView.of(i, MessageView.of(i.spec().message()))).toList();
      }
      signals.awaitWork(namespace, agent, functions, seen, remaining.compareTo(FALLBACK_POLL) < 0 ? remaining : FALLBACK_POLL);
    }
  }

  /** Renews leases; session runs also get the steered inputs they have not taken yet (DESIGN §5 {@code inputs}). */
  public HeartbeatView heartbeat(String namespace, HeartbeatBody body) {
    String workerId = requireWorker(body.workerId());
    List<String> leaseIds = body.leaseIds() == null ? List.of() : body.leaseIds();
    Duration leaseFor = Duration.ofSeconds(range(body.leaseSeconds(), DEFAULT_LEASE_SECONDS, 1, MAX_LEASE_SECONDS, "lease_seconds"));
    HeartbeatResult beat = invocations.heartbeat(namespace, workerId, leaseIds, leaseFor, clock.instant());
    Map<String, List<InputView>> inputs = new LinkedHashMap<>();
    sessions.steeredInputs(namespace, beat.extended()).forEach((lease, list) ->
        inputs.put(lease, list.stream().map(InputView::of).toList()));
    return new HeartbeatView(beat.extended(), beat.cancelled(), beat.lost(), inputs);
  }

  public List<CompletionResult> complete(String namespace, CompleteBody body) {
    requireWorker(body.workerId());
    if (body.results() == null || body.results().isEmpty()) {
      throw ApiException.badRequest("'results' must list at least one result");
    }
    List<Completion> completions = new ArrayList<>();
    for (int i = 0; i < body.results().size(); i++) {
      completions.add(completion(body.results().get(i), "results[" + i + "]"));
    }
    return invocations.complete(namespace, completions, clock.instant());
  }

  private static Completion completion(ResultBody r, String where) {
    if (r == null || r.leaseId() == null) {
      throw ApiException.badRequest(where + ".lease_id is required");
    }
    String status = required(r.status(), where + ".status");
    List<String> consumed = r.consumedInputs() == null ? List.of() : r.consumedInputs();
    return switch (status) {
      case "completed" ->
          new Completion.Completed(r.leaseId(), r.result() == null ? "null" : r.result().toString(), consumed);
      case "error" -> {
        if (r.error() == null || r.error().error() == null) {
          throw ApiException.badRequest(where + ".error.error (the message) is required when status is error");
        }
        ErrorInfo error = new ErrorInfo(r.error().error(), Optional.ofNullable(r.error().errorType()).orElse("Error"),
            Optional.ofNullable(r.error().trace()), Optional.ofNullable(r.error().details()));
        yield new Completion.Failed(r.leaseId(), error, r.retryable() == null || r.retryable());
      }
      case "cancelled" -> new Completion.CancelAcknowledged(r.leaseId(), consumed);
      case "waiting_for_input" ->
          new Completion.WaitingForInput(r.leaseId(), r.prompt() == null ? "null" : r.prompt().toString(), consumed);
      default -> throw ApiException.badRequest(where + ".status must be completed, error, cancelled or waiting_for_input;"
          + " got '" + status + "'");
    };
  }

  /** Appends events to the log of the invocation under the lease; 409 when the lease is stale. */
  public int appendEvents(String namespace, WorkerBodies.EventsBody body) {
    requireWorker(body.workerId());
    String leaseId = required(body.leaseId(), "lease_id");
    List<NewEvent> events = new ArrayList<>();
    for (EventBody e : Optional.ofNullable(body.events()).orElse(List.of())) {
      if (e == null || !EVENT_TYPES.contains(e.type())) {
        throw ApiException.badRequest("event type must be one of " + EVENT_TYPES + "; got '" + (e == null ? null : e.type()) + "'");
      }
      events.add(new NewEvent(e.type(), e.data() == null ? "null" : e.data().toString()));
    }
    if (!invocations.appendEvents(namespace, leaseId, events, clock.instant())) {
      throw ApiException.conflict("stale_lease", "lease '" + leaseId + "' is not held: it expired or the attempt ended",
          Optional.empty());
    }
    return events.size();
  }

  private void touch(String namespace, String agent, String workerId) {
    Instant now = clock.instant();
    String key = namespace + "/" + agent + "/" + workerId;
    Instant last = lastTouched.get(key);
    if (last == null || last.plus(TOUCH_INTERVAL).isBefore(now)) {
      lastTouched.put(key, now);
      agents.touchWorker(namespace, agent, workerId, now);
    }
  }

  private static String requireWorker(String workerId) {
    String id = required(workerId, "worker_id");
    if (id.length() > 200) {
      throw ApiException.badRequest("worker_id must be at most 200 characters");
    }
    return id;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required");
    }
    return value;
  }

  private static int range(Integer value, int dflt, int min, int max, String field) {
    int v = value == null ? dflt : value;
    if (v < min || v > max) {
      throw ApiException.badRequest(field + " must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }
}
