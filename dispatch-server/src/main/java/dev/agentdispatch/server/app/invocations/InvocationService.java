package dev.agentdispatch.server.app.invocations;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Debounce;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.auth.Authenticator;
import dev.agentdispatch.server.app.auth.Caller;
import dev.agentdispatch.server.app.flow.RateLimiter;
import dev.agentdispatch.server.app.schemas.SchemaValidator;
import dev.agentdispatch.server.app.signals.WaitKey;
import dev.agentdispatch.server.app.signals.Waiters;
import dev.agentdispatch.server.tracing.Admission;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.server.tracing.SpanNames;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.invocation.AttemptRecord;
import dev.agentdispatch.store.invocation.BatchIdempotencyConflictException;
import dev.agentdispatch.store.invocation.CreateOutcome;
import dev.agentdispatch.store.invocation.InvocationEvent;
import dev.agentdispatch.store.invocation.InvocationQuery;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.invocation.NewInvocation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Invocations: the admission pipeline of DESIGN §7 (validate → idempotency → enqueue), reads with
 * long-poll waits, cancel and retry. One model for every door: each calls this with an {@link
 * InvocationRequest}.
 */
public final class InvocationService {
  /** Default limit of one payload, in bytes of JSON (DESIGN §5). */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

  public static final int MAX_WAIT_SECONDS = 60;

  /** At most this many invocations in one batch request. */
  public static final int MAX_BATCH = 1000;

  /** At most this many log entries in one read. */
  public static final int MAX_EVENTS = 1000;

  private static final Duration FALLBACK_RECHECK = Duration.ofSeconds(1);

  private final RateLimiter rates;
  private final InvocationStore store;
  private final AgentService agents;
  private final SchemaValidator schemas;
  private final Waiters waiters;
  private final Clock clock;
  private final int maxPayloadBytes;
  private final ServerTracing tracing;

  /** The outcome of a create: the invocation, and whether it was an idempotent repeat. */
  public record Created(Invocation invocation, boolean deduplicated) {}

  /** The idempotency keys of task dispatch invocations start with this (docs/task-routing.md). */
  public static final String DISPATCH_KEY_PREFIX = "task:";

  /**
   * The key id of the caller that dispatches tasks; only it may use {@link #DISPATCH_KEY_PREFIX}.
   */
  public static final String TASK_ROUTER = "task-router";

  /** Each admission is a span of {@code tracing}, continuing the caller's trace. */
  public InvocationService(
      InvocationStore store,
      AgentService agents,
      SchemaValidator schemas,
      Waiters waiters,
      RateLimiter rates,
      Clock clock,
      int maxPayloadBytes,
      ServerTracing tracing) {
    this.tracing = tracing;
    this.rates = rates;
    this.store = store;
    this.agents = agents;
    this.schemas = schemas;
    this.waiters = waiters;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** Admits and stores one invocation created by {@code caller}. */
  public Created create(String namespace, Caller caller, InvocationRequest request) {
    return tracing
        .admit("admit invoke", request.traceId(), true)
        .tag(SpanNames.NAMESPACE, namespace)
        .tag(SpanNames.AGENT, request.agent())
        .tag(SpanNames.FUNCTION, request.function())
        .around(trace -> {
          Created created = create(namespace, caller, request, trace);
          trace.tag(SpanNames.INVOCATION_ID, created.invocation().id());
          return created;
        });
  }

  private Created create(
      String namespace, Caller caller, InvocationRequest request, Admission trace) {
    Instant now = clock.instant();
    NewInvocation admitted = admit(namespace, caller, request, now, trace);
    Optional<Debounce> debounce =
        agents.requireFunction(namespace, request.agent(), request.function()).debounce();
    if (debounce.isPresent()) {
      return created(
          store.createDebounced(
              admitted.spec(),
              request.debounceKey().orElse(""),
              debounce.get().period(),
              debounce.get().maxWait(),
              now),
          admitted.spec());
    }
    return created(store.create(admitted.spec(), admitted.availableAt(), now), admitted.spec());
  }

  /**
   * Admits a batch (each item as {@link #create} would) and stores it in one transaction: all or
   * nothing. A refused item refuses the batch, naming its index.
   */
  public List<Created> createBatch(
      String namespace, Caller caller, List<InvocationRequest> requests) {
    return tracing
        .admit("admit invoke batch", Optional.empty(), false)
        .tag(SpanNames.NAMESPACE, namespace)
        .count(SpanNames.INVOCATIONS, requests.size())
        .around(trace -> createBatch(namespace, caller, requests, trace));
  }

  private List<Created> createBatch(
      String namespace, Caller caller, List<InvocationRequest> requests, Admission trace) {
    if (requests.isEmpty() || requests.size() > MAX_BATCH) {
      throw new ServiceException.Invalid(
          "'invocations' must list 1 to " + MAX_BATCH + " invocations");
    }
    Instant now = clock.instant();
    List<NewInvocation> admitted = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      try {
        InvocationRequest r = requests.get(i);
        if (agents.requireFunction(namespace, r.agent(), r.function()).debounce().isPresent()) {
          // A burst inside one all-or-nothing batch has no last one to keep: invoke them singly.
          throw new ServiceException.Invalid(
              "function '" + r.function() + "' is debounced: invoke it one invocation at a time");
        }
        admitted.add(admit(namespace, caller, r, now, trace));
      } catch (ServiceException e) {
        throw e.at("invocations[" + i + "]");
      }
    }
    List<CreateOutcome> outcomes;
    try {
      outcomes = store.createAll(admitted, now);
    } catch (BatchIdempotencyConflictException e) {
      throw new ServiceException.Conflict(
          "idempotency_conflict",
          e.getMessage(),
          Optional.of(Map.of("index", e.index(), "invocation_id", e.existing().id())));
    }
    List<Created> out = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      out.add(created(outcomes.get(i), admitted.get(i).spec()));
    }
    return out;
  }

  /** The admission pipeline of one request: everything but storing it. */
  private NewInvocation admit(
      String namespace, Caller caller, InvocationRequest request, Instant now, Admission trace) {
    if (request.idempotencyKey().filter(k -> k.startsWith(DISPATCH_KEY_PREFIX)).isPresent()
        && !caller.keyId().equals(TASK_ROUTER)) {
      // Such a key assigns a routed task in the store (docs/task-routing.md): only the router's.
      throw new ServiceException.Invalid(
          "idempotency_key may not start with '"
              + DISPATCH_KEY_PREFIX
              + "': that prefix is reserved for task dispatch");
    }
    Authenticator.authorizeInvoke(caller, request.agent());
    String payload = Check.size(request.payload().toString(), maxPayloadBytes, "payload");
    FunctionSpec function = agents.requireFunction(namespace, request.agent(), request.function());
    if (!function.callable()) {
      throw new ServiceException.Unprocessable(
          "function '" + function.name() + "' has no callable trigger", List.of());
    }
    function
        .inputSchemaJson()
        .ifPresent(schema -> {
          List<SchemaValidator.Violation> violations = schemas.validate(schema, request.payload());
          if (!violations.isEmpty()) {
            throw new ServiceException.Unprocessable(
                "payload does not match the input schema of '"
                    + function.name()
                    + "': "
                    + violations.size()
                    + " violation(s)",
                violations);
          }
        });
    AgentSpec agent = agents.requireSpec(namespace, request.agent());
    if (request.debounceKey().isPresent() && function.debounce().isEmpty()) {
      throw new ServiceException.Invalid(
          "function '" + function.name() + "' has no debounce: debounce_key does not apply");
    }
    request
        .lane()
        .filter(l -> agent.lane(l).isEmpty())
        .ifPresent(l -> {
          throw new ServiceException.Invalid(
              "agent '" + request.agent() + "' has no lane '" + l + "'");
        });
    Instant availableAt = now.plus(request.delay());
    // The idempotency lookup costs a read: only made when a rate limit applies at all.
    if (rates.applies(caller, agent, function) && !isRepeat(namespace, request)) {
      availableAt =
          rates.admit(
              namespace, caller, agent, function, request.concurrencyKey(), availableAt, now);
    }
    String traceId = trace.traceIdFor(request.traceId());
    InvocationSpec spec =
        spec(namespace, request, function, payload, now)
            .traceId(traceId)
            .parentSpanId(trace.parentSpanIdFor(traceId))
            .build();
    return new NewInvocation(spec, availableAt);
  }

  /**
   * A repeat of an idempotent request answers with the first invocation: it takes no rate-limit
   * token (DESIGN §7: idempotency comes before the rate limit).
   */
  private boolean isRepeat(String namespace, InvocationRequest request) {
    return request
        .idempotencyKey()
        .flatMap(k -> store.findByIdempotencyKey(namespace, k))
        .isPresent();
  }

  private static Created created(CreateOutcome outcome, InvocationSpec spec) {
    return switch (outcome) {
      case CreateOutcome.Created c -> new Created(c.invocation(), false);
      case CreateOutcome.Deduplicated d -> new Created(d.invocation(), true);
      case CreateOutcome.IdempotencyConflict c ->
          throw new ServiceException.Conflict(
              "idempotency_conflict",
              "idempotency_key '"
                  + spec.idempotencyKey().orElseThrow()
                  + "' was already used by a different request"
                  + " (invocation "
                  + c.invocation().id()
                  + ")",
              Optional.of(Map.of("invocation_id", c.invocation().id())));
    };
  }

  /** The spec of an admitted request, but for its trace, which the admission decides. */
  private static InvocationSpec.Builder spec(
      String namespace, InvocationRequest r, FunctionSpec function, String payload, Instant now) {
    RetryPolicy base = function.retry().orElse(RetryPolicy.DEFAULT);
    RetryPolicy retry = r.retry().map(o -> o.over(base)).orElse(base);
    Duration timeout = r.timeout().or(function::timeout).orElse(InvocationSpec.DEFAULT_TIMEOUT);
    Optional<String> hash =
        r.idempotencyKey()
            .map(k -> KeySecrets.hash(r.agent() + "\n" + r.function() + "\n" + payload));
    return InvocationSpec.builder(Ids.uuid7(), namespace, r.agent(), r.function())
        .payloadJson(payload)
        .createdAt(now)
        .priority(r.priority().orElse(InvocationSpec.DEFAULT_PRIORITY))
        .retry(retry)
        .timeout(timeout)
        .attemptTimeout(r.attemptTimeout().or(function::attemptTimeout))
        .idempotencyKey(r.idempotencyKey())
        .requestHash(hash)
        .parentId(r.parentId())
        .sessionId(r.sessionId())
        .concurrencyKey(r.concurrencyKey())
        // The function's per-key limit as it stands now governs this invocation to its end.
        .keyConcurrency(r.concurrencyKey().flatMap(k -> function.keyConcurrency()))
        .lane(r.lane());
  }

  /** The invocation, waiting up to {@code waitSeconds} for it to end. */
  public Invocation get(String namespace, String id, int waitSeconds) {
    Check.range(waitSeconds, 0, 0, MAX_WAIT_SECONDS, "wait_seconds");
    if (waitSeconds == 0) {
      return find(namespace, id);
    }
    return await(
        WaitKey.ended(namespace, id),
        namespace,
        id,
        inv -> inv.status().terminal(),
        Duration.ofSeconds(waitSeconds));
  }

  /**
   * The invocation once its status is no longer {@code from}, or as it stands when {@code max} has
   * passed. Protocol doors follow a task's states with it (an A2A stream, a blocking send that also
   * stops at {@code waiting_for_input}, which {@link #get} waits through). Woken by the
   * invocation's log, which every status change appends to.
   */
  public Invocation awaitChange(
      String namespace,
      String id,
      dev.agentdispatch.core.invocation.InvocationStatus from,
      Duration max) {
    return await(
        WaitKey.invocationLog(namespace, id), namespace, id, inv -> inv.status() != from, max);
  }

  /** The invocation once {@code done} holds for it, or as it stands after {@code max}. */
  private Invocation await(
      WaitKey key,
      String namespace,
      String id,
      java.util.function.Predicate<Invocation> done,
      Duration max) {
    Instant deadline = clock.instant().plus(max);
    while (true) {
      CompletableFuture<Void> changed = waiters.register(key);
      try {
        Invocation inv = find(namespace, id);
        Duration left = Duration.between(clock.instant(), deadline);
        if (done.test(inv) || left.isNegative() || left.isZero()) {
          return inv;
        }
        // Re-read at least every FALLBACK_RECHECK: another node's notification may be lost.
        Waiters.await(changed, left.compareTo(FALLBACK_RECHECK) < 0 ? left : FALLBACK_RECHECK);
      } finally {
        waiters.forget(key, changed);
      }
    }
  }

  /** The invocation, or {@link ServiceException.NotFound}. */
  public Invocation find(String namespace, String id) {
    return store.find(namespace, id).orElseThrow(() -> notFound(namespace, id));
  }

  public Page<Invocation> list(InvocationQuery query) {
    return store.list(query);
  }

  /** How many invocations match {@code query}'s filters on every page. */
  public long count(InvocationQuery query) {
    return store.count(query);
  }

  public List<AttemptRecord> attempts(String namespace, String id) {
    return store.attempts(namespace, id);
  }

  /** Entries of the invocation's log after {@code after}, at most {@code limit}. */
  public List<InvocationEvent> events(String namespace, String id, long after, int limit) {
    Check.limit(limit, MAX_EVENTS);
    find(namespace, id);
    return store.events(namespace, id, after, limit);
  }

  public Invocation cancel(String namespace, String id, boolean cascade) {
    return store
        .cancel(namespace, id, cascade, clock.instant())
        .orElseThrow(() -> notFound(namespace, id));
  }

  public Invocation retry(String namespace, String id) {
    return store.retry(namespace, id, clock.instant()).orElseThrow(() -> notFound(namespace, id));
  }

  private static ServiceException.NotFound notFound(String namespace, String id) {
    return new ServiceException.NotFound(
        "invocation '" + id + "' not found in namespace '" + namespace + "'");
  }
}
