package dev.agentdispatch.server.app.workers;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.flow.FlowService;
import dev.agentdispatch.server.app.signals.Parking;
import dev.agentdispatch.store.agent.AgentStore;
import dev.agentdispatch.store.invocation.ClaimRequest;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.CompletionResult;
import dev.agentdispatch.store.invocation.HeartbeatResult;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pull-delivery protocol: lease (long-poll), heartbeat, complete, events (DESIGN §5, §6). */
public final class WorkerService {
  /**
   * A waiting poll re-checks the database at least this often, so a wake-up lost between nodes (a
   * dropped NOTIFY) costs latency, never work.
   */
  private static final Duration FALLBACK_POLL = Duration.ofSeconds(2);

  /**
   * Worker liveness is written at most this often per worker: polls are frequent, liveness is
   * coarse.
   */
  private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(5);

  private final InvocationStore invocations;
  private final SessionStore sessions;
  private final AgentStore agents;
  private final WorkSignals signals;
  private final FlowService flow;
  private final Clock clock;
  // Keyed by caller-chosen worker ids: bounded, and forgotten after a touch interval (a forgotten
  // worker's next request touches its row again, which is all an entry saves).
  private final Map<String, Instant> lastTouched =
      Caffeine.newBuilder()
          .maximumSize(100_000)
          .expireAfterWrite(TOUCH_INTERVAL)
          .<String, Instant>build()
          .asMap();

  /**
   * A heartbeat's answer.
   *
   * @param inputs per lease of a session run: the steered inputs it has not taken yet, oldest first
   */
  public record Beat(HeartbeatResult leases, Map<String, List<SessionInput>> inputs) {}

  public WorkerService(
      InvocationStore invocations,
      AgentStore agents,
      SessionStore sessions,
      WorkSignals signals,
      FlowService flow,
      Clock clock) {
    this.invocations = invocations;
    this.flow = flow;
    this.sessions = sessions;
    this.agents = agents;
    this.signals = signals;
    this.clock = clock;
  }

  /** Leases up to {@code max} attempts, waiting up to {@code waitFor} for work to arrive. */
  public List<Invocation> lease(String namespace, WorkerRequests.Lease r)
      throws InterruptedException {
    if (r.reportsLiveness()) {
      touch(namespace, r.agent(), r.workerId());
    }
    ClaimRequest claim =
        new ClaimRequest(
            namespace,
            r.agent(),
            r.functions(),
            r.workerId(),
            r.max(),
            r.leaseFor(),
            flow.claimLimits(namespace, r.agent()));
    Instant deadline = clock.instant().plus(r.waitFor());
    while (true) {
      long seen = signals.version(namespace, r.agent());
      List<Invocation> leased = invocations.claim(claim, clock.instant());
      if (!leased.isEmpty() && Parking.callerGone()) {
        // The worker hung up while its poll waited: the work goes to the next poll now, not after
        // the leases expire.
        giveBack(namespace, leased);
        throw new Parking.CallerGone();
      }
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (!leased.isEmpty() || remaining.isNegative() || remaining.isZero() || signals.closed()) {
        return leased;
      }
      signals.awaitWork(
          namespace,
          r.agent(),
          r.functions(),
          seen,
          remaining.compareTo(FALLBACK_POLL) < 0 ? remaining : FALLBACK_POLL);
    }
  }

  /**
   * Gives back leases whose answer never reached the worker (it hung up, the answer's write
   * failed): their invocations are claimable again at once, their retry budget untouched. A lease
   * that ended meanwhile is left as it is.
   */
  public void giveBack(String namespace, List<Invocation> leased) {
    List<Completion> undelivered =
        leased.stream()
            .flatMap(inv -> inv.state().lease().stream())
            .<Completion>map(l -> new Completion.Undelivered(l.leaseId()))
            .toList();
    if (!undelivered.isEmpty()) {
      invocations.complete(namespace, undelivered, clock.instant());
    }
  }

  /**
   * Renews leases; session runs also get the steered inputs they have not taken yet (DESIGN §5
   * {@code inputs}).
   */
  public Beat heartbeat(String namespace, WorkerRequests.Heartbeat r) {
    HeartbeatResult beat =
        invocations.heartbeat(namespace, r.workerId(), r.leaseIds(), r.leaseFor(), clock.instant());
    return new Beat(beat, sessions.steeredInputs(namespace, beat.extended()));
  }

  /**
   * Records results; each is accepted or rejected on its own. When none is accepted, {@link
   * ServiceException.Conflict} {@code stale_lease} lists why.
   */
  public List<CompletionResult> complete(String namespace, WorkerRequests.Complete r) {
    List<CompletionResult> results = completeOwn(namespace, r);
    if (results.stream().noneMatch(CompletionResult::accepted)) {
      List<Map<String, String>> rejected =
          results.stream()
              .map(
                  x -> Map.of("lease_id", x.leaseId(), "reason", x.rejectedBecause().orElseThrow()))
              .toList();
      throw new ServiceException.Conflict(
          "stale_lease",
          "no result was accepted: the leases are stale or the attempts ended",
          Optional.of(Map.of("rejected", rejected)));
    }
    return results;
  }

  /**
   * Only the worker holding a lease may report on it: a result for a lease another worker holds is
   * rejected ({@link CompletionResult#FOREIGN_LEASE}) and changes nothing; the rest go to the
   * store, and the answers keep the request's order.
   */
  private List<CompletionResult> completeOwn(String namespace, WorkerRequests.Complete r) {
    Map<String, String> holders =
        invocations.leaseHolders(namespace, r.results().stream().map(Completion::leaseId).toList());
    List<Completion> own = new ArrayList<>();
    for (Completion c : r.results()) {
      String holder = holders.get(c.leaseId());
      if (holder == null || holder.equals(r.workerId())) {
        own.add(c);
      }
    }
    Iterator<CompletionResult> stored =
        (own.isEmpty()
                ? List.<CompletionResult>of()
                : invocations.complete(namespace, own, clock.instant()))
            .iterator();
    List<CompletionResult> results = new ArrayList<>();
    for (Completion c : r.results()) {
      String holder = holders.get(c.leaseId());
      results.add(
          holder == null || holder.equals(r.workerId())
              ? stored.next()
              : CompletionResult.rejected(c.leaseId(), CompletionResult.FOREIGN_LEASE));
    }
    return results;
  }

  /**
   * Appends events to the log of the invocation under the lease; {@code stale_lease} when it is not
   * held, or is held by another key's worker.
   */
  public int appendEvents(String namespace, WorkerRequests.AppendEvents r) {
    String holder = invocations.leaseHolders(namespace, List.of(r.leaseId())).get(r.leaseId());
    if (holder != null && !WorkerRequests.mayLogFor(holder, r.workerId())) {
      throw new ServiceException.Conflict(
          "stale_lease", "lease '" + r.leaseId() + "' is held by another worker", Optional.empty());
    }
    if (!invocations.appendEvents(namespace, r.leaseId(), r.events(), clock.instant())) {
      throw new ServiceException.Conflict(
          "stale_lease",
          "lease '" + r.leaseId() + "' is not held: it expired or the attempt ended",
          Optional.empty());
    }
    return r.events().size();
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
}
