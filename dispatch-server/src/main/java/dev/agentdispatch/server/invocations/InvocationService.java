package dev.agentdispatch.server.invocations;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.server.agents.AgentService;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.invocation.CreateOutcome;
import dev.agentdispatch.store.invocation.NewInvocation;
import java.util.ArrayList;
import dev.agentdispatch.store.invocation.InvocationQuery;
import dev.agentdispatch.store.invocation.InvocationStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Invocations: the admission pipeline of DESIGN §7 (validate → idempotency → enqueue), reads with
 * long-poll waits, cancel and retry. One model for every door: protocol faces call this too.
 */
public final class InvocationService {
  /** Default limit of one payload, in bytes of JSON (DESIGN §5). */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
  public static final int MAX_WAIT_SECONDS = 60;
  /** At most this many invocations in one batch request. */
  public static final int MAX_BATCH = 1000;
  private static final int MAX_ID_LENGTH = 128;
  private static final Duration FALLBACK_RECHECK = Duration.ofSeconds(1);

  private final InvocationStore store;
  private final AgentService agents;
  private final SchemaValidator schemas;
  private final CompletionWaiters waiters;
  private final Clock clock;
  private final int maxPayloadBytes;

  /** The outcome of a create: the invocation, and whether it was an idempotent repeat. */
  public record Created(Invocation invocation, boolean deduplicated) {}

  public InvocationService(InvocationStore store, AgentService agents, SchemaValidator schemas,
      CompletionWaiters waiters, Clock clock, int maxPayloadBytes) {
    this.store = store;
    this.agents = agents;
    this.schemas = schemas;
    this.waiters = waiters;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public Created create(String namespace, InvocationBody body) {
    Instant now = clock.instant();
    NewInvocation admitted = admit(namespace, body, now);
    return created(store.create(admitted.spec(), admitted.availableAt(), now), admitted.spec());
  }

  /**
   * Admits a batch (each item as {@link #create} would) and stores it in one transaction: all or nothing.
   * A refused item refuses the batch, naming its index.
   */
  public List<Created> createBatch(String namespace, List<InvocationBody> bodies) {
    if (bodies == null || bodies.isEmpty() || bodies.size() > MAX_BATCH) {
      throw ApiException.badRequest("'invocations' must list 1 to " + MAX_BATCH + " invocations");
    }
    Instant now = clock.instant();
    List<NewInvocation> admitted = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      try {
        admitted.add(admit(namespace, bodies.get(i), now));
      } catch (ApiException e) {
        throw new ApiException(e.status(), e.code(), "invocations[" + i + "]: " + e.getMessage(), e.details());
      }
    }
    // An idempotency conflict is a BatchIdempotencyConflictException, answered 409 with its index by ErrorMapper.
    List<CreateOutcome> outcomes = store.createAll(admitted, now);
    List<Created> out = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      out.add(created(outcomes.get(i), admitted.get(i).spec()));
    }
    return out;
  }

  /** The admission pipeline of one request: everything but storing it. */
  private NewInvocation admit(String namespace, InvocationBody body, Instant now) {
    if (body == null) {
      throw ApiException.badRequest("an invocation must be a JSON object");
    }
    String agentName = requireName(body.agent(), "agent");
    String functionName = requireName(body.function(), "function");
    String payload = body.payload() == null ? "{}" : body.payload().toString();
    int size = payload.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxPayloadBytes) {
      throw ApiException.tooLarge("payload is " + size + " bytes; the limit is " + maxPayloadBytes + " bytes");
    }
    AgentSpec agent = agents.spec(namespace, agentName).orElseThrow(() -> ApiException.notFound(
        "agent '" + agentName + "' is not registered in namespace '" + namespace + "'"));
    FunctionSpec function = agent.function(functionName).orElseThrow(() -> ApiException.notFound(
        "agent '" + agentName + "' has no function '" + functionName + "'"));
    if (!function.callable()) {
      throw ApiException.unprocessable("function '" + functionName + "' has no callable trigger", List.of());
    }
    validatePayload(function, body.payload() == null ? tree("{}") : body.payload());
    InvocationSpec spec = spec(namespace, body, function, payload, now);
    return new NewInvocation(spec, now.plusSeconds(delaySeconds(body.delaySeconds())));
  }

  private static Created created(CreateOutcome outcome, InvocationSpec spec) {
    return switch (outcome) {
      case CreateOutcome.Created c -> new Created(c.invocation(), false);
      case CreateOutcome.Deduplicated d -> new Created(d.invocation(), true);
      case CreateOutcome.IdempotencyConflict c -> throw ApiException.conflict("idempotency_conflict",
          "idempotency_key '" + spec.idempotencyKey().orElseThrow() + "' was already used by a different request (invocation "
              + c.invocation().id() + ")", Optional.of(Map.of("invocation_id", c.invocation().id())));
    };
  }

  private static JsonNode tree(String json) {
    return dev.agentdispatch.server.api.Json.tree(json);
  }

  private void validatePayload(FunctionSpec function, JsonNode payload) {
    if (function.inputSchemaJson().isEmpty()) {
      return;
    }
    List<SchemaValidator.Violation> violations = schemas.validate(function.inputSchemaJson().get(), payload);
    if (!violations.isEmpty()) {
      throw ApiException.unprocessable("payload does not match the input schema of '" + function.name() + "': "
          + violations.size() + " violation(s)", violations);
    }
  }

  private InvocationSpec spec(String namespace, InvocationBody body, FunctionSpec function, String payload, Instant now) {
    RetryPolicy base = function.retry().orElse(RetryPolicy.DEFAULT);
    RetryPolicy retry = body.retry() == null ? base : body.retry().over(base);
    Duration timeout = seconds(body.timeoutSeconds(), "timeout_seconds").or(function::timeout)
        .orElse(InvocationSpec.DEFAULT_TIMEOUT);
    Optional<Duration> attemptTimeout = seconds(body.attemptTimeoutSeconds(), "attempt_timeout_seconds")
        .or(function::attemptTimeout);
    Optional<String> idempotencyKey = optionalId(body.idempotencyKey(), "idempotency_key");
    Optional<String> hash = idempotencyKey.map(k -> KeySecrets.hash(body.agent() + "\n" + body.function() + "\n" + payload));
    int priority = body.priority() == null ? InvocationSpec.DEFAULT_PRIORITY : body.priority();
    String traceId = optionalId(body.traceId(), "trace_id").orElseGet(Ids::uuid7);
    return new InvocationSpec(Ids.uuid7(), namespace, body.agent(), body.function(), payload, priority, retry, timeout,
        attemptTimeout, idempotencyKey, hash, traceId, optionalId(body.parentId(), "parent_id"),
        optionalId(body.sessionId(), "session_id"), optionalId(body.concurrencyKey(), "concurrency_key"),
        Message.FUNCTION, now);
  }

  private static long delaySeconds(Integer delay) {
    if (delay == null) {
      return 0;
    }
    if (delay < 0 || delay > 86_400 * 30) {
      throw ApiException.badRequest("delay_seconds must be between 0 and 2592000, got " + delay);
    }
    return delay;
  }

  private static Optional<Duration> seconds(Integer value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    if (value < 1 || value > 86_400) {
      throw ApiException.badRequest(field + " must be between 1 and 86400, got " + value);
    }
    return Optional.of(Duration.ofSeconds(value));
  }

  private static Optional<String> optionalId(String value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw ApiException.badRequest(field + " must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    return Optional.of(value);
  }

  private static String requireName(String value, String field) {
    if (value == null) {
      throw ApiException.badRequest("'" + field + "' is required");
    }
    if (!Names.valid(value)) {
      throw ApiException.badRequest("'" + field + "' is not a valid name: '" + value + "'");
    }
    return value;
  }

  /** The invocation, waiting up to {@code waitSeconds} for it to end. */
  public Invocation get(String namespace, String id, int waitSeconds) {
    if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
      throw ApiException.badRequest("wait_seconds must be between 0 and " + MAX_WAIT_SECONDS + ", got " + waitSeconds);
    }
    if (waitSeconds == 0) {
      return find(namespace, id);
    }
    Instant deadline = clock.instant().plusSeconds(waitSeconds);
    while (true) {
      CompletableFuture<Void> ended = waiters.register(id);
      Invocation inv = find(namespace, id);
      Duration left = Duration.between(clock.instant(), deadline);
      if (inv.status().terminal() || left.isNegative() || left.isZero()) {
        waiters.forget(id, ended);
        return inv;
      }
      // Re-read at least every FALLBACK_RECHECK: another node's "ended" notification may be lost.
      CompletionWaiters.await(ended, left.compareTo(FALLBACK_RECHECK) < 0 ? left : FALLBACK_RECHECK);
    }
  }

  public Invocation find(String namespace, String id) {
    return store.find(namespace, id).orElseThrow(() -> notFound(namespace, id));
  }

  public Page<Invocation> list(InvocationQuery query) {
    return store.list(query);
  }

  public List<dev.agentdispatch.store.invocation.AttemptRecord> attempts(String namespace, String id) {
    return store.attempts(namespace, id);
  }

  public List<dev.agentdispatch.store.invocation.InvocationEvent> events(String namespace, String id, long after, int limit) {
    find(namespace, id);
    return store.events(namespace, id, after, limit);
  }

  public Invocation cancel(String namespace, String id, boolean cascade) {
    return store.cancel(namespace, id, cascade, clock.instant()).orElseThrow(() -> notFound(namespace, id));
  }

  public Invocation retry(String namespace, String id) {
    return store.retry(namespace, id, clock.instant()).orElseThrow(() -> notFound(namespace, id));
  }

  private static ApiException notFound(String namespace, String id) {
    return ApiException.notFound("invocation '" + id + "' not found in namespace '" + namespace + "'");
  }
}
