package dev.agentdispatch.server.sessions;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.session.InputOutcome;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.agents.AgentService;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.invocations.SchemaValidator;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.session.CreateSessionResult;
import dev.agentdispatch.store.session.InputResult;
import dev.agentdispatch.store.session.NewInput;
import dev.agentdispatch.store.session.NewSession;
import dev.agentdispatch.store.session.RunTemplate;
import dev.agentdispatch.store.session.SessionEvent;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.SessionStore;
import dev.agentdispatch.store.session.StateRevision;
import dev.agentdispatch.store.session.StateWrite;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Sessions: validation and error mapping around {@link SessionStore}, where every decision is made atomically.
 * Every bad request is refused before the store is touched, so it changes nothing.
 */
public final class SessionService {
  private static final int MAX_KEY_LENGTH = 128;

  private final SessionStore store;
  private final AgentService agents;
  private final SchemaValidator schemas;
  private final Clock clock;
  private final int maxPayloadBytes;

  /** The answer to an input: the stored input, and whether it repeated an earlier idempotency key. */
  public record Submitted(SessionInput input, boolean deduplicated) {}

  public SessionService(SessionStore store, AgentService agents, SchemaValidator schemas, Clock clock,
      int maxPayloadBytes) {
    this.store = store;
    this.agents = agents;
    this.schemas = schemas;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public SessionRecord create(String namespace, SessionBodies.CreateBody body) {
    String agentName = Names.require(required(body.agent(), "agent"), "agent");
    AgentSpec agent = agents.spec(namespace, agentName).orElseThrow(() -> ApiException.notFound(
        "agent '" + agentName + "' is not registered in namespace '" + namespace + "'"));
    FunctionSpec function = function(agent, Optional.ofNullable(body.function()));
    String id = Optional.ofNullable(body.sessionId()).map(s -> Names.require(s, "session_id")).orElseGet(Ids::uuid7);
    String metadata = json(body.metadata(), "{}", "metadata");
    if (body.metadata() != null && !body.metadata().isObject()) {
      throw ApiException.badRequest("metadata must be a JSON object");
    }
    String state = json(body.state(), "{}", "state");
    RunTemplate template = new RunTemplate(InvocationSpec.DEFAULT_PRIORITY, function.retry().orElse(RetryPolicy.DEFAULT),
        function.timeout().orElse(InvocationSpec.DEFAULT_TIMEOUT), function.attemptTimeout());
    return switch (store.create(new NewSession(namespace, id, agentName, function.name(), metadata, state, template),
        clock.instant())) {
      case CreateSessionResult.Created c -> c.session();
      case CreateSessionResult.AlreadyExists e -> throw ApiException.conflict("session_exists",
          "session '" + id + "' already exists in namespace '" + namespace + "'", Optional.empty());
    };
  }

  private static FunctionSpec function(AgentSpec agent, Optional<String> name) {
    if (name.isPresent()) {
      return agent.function(name.get()).orElseThrow(() -> ApiException.notFound(
          "agent '" + agent.name() + "' has no function '" + name.get() + "'"));
    }
    if (agent.functions().size() != 1) {
      throw ApiException.badRequest("'function' is required: agent '" + agent.name() + "' has "
          + agent.functions().stream().map(FunctionSpec::name).toList());
    }
    return agent.functions().get(0);
  }

  public SessionRecord get(String namespace, String id) {
    return store.find(namespace, id).orElseThrow(() -> notFound(namespace, id));
  }

  public Page<SessionRecord> list(String namespace, Optional<String> agent, int limit, Optional<String> cursor) {
    return store.list(namespace, agent, limit, cursor);
  }

  public void delete(String namespace, String id) {
    if (!store.delete(namespace, id, clock.instant())) {
      throw notFound(namespace, id);
    }
  }

  /** Sends an input; a refused one (strategy {@code reject} while busy) is stored, then answered with 409. */
  public Submitted submit(String namespace, String sessionId, SessionBodies.InputBody body) {
    InputStrategy strategy = Optional.ofNullable(body.strategy()).map(s -> InputStrategy.parse(s).orElseThrow(() ->
        ApiException.badRequest("strategy '" + s + "' is not one of " + InputStrategy.choices())))
        .orElse(InputStrategy.DEFAULT);
    if (body.input() == null) {
      throw ApiException.badRequest("'input' is required (any JSON value)");
    }
    String input = json(body.input(), "null", "input");
    Optional<String> key = Optional.ofNullable(body.idempotencyKey()).map(k -> {
      if (k.isBlank() || k.length() > MAX_KEY_LENGTH) {
        throw ApiException.badRequest("idempotency_key must be 1 to " + MAX_KEY_LENGTH + " characters");
      }
      return k;
    });
    SessionRecord session = get(namespace, sessionId);
    validateInput(namespace, session, body.input());
    Optional<String> hash = key.map(k -> KeySecrets.hash(strategy.wire() + "\n" + input));
    InputResult result = store.submit(new NewInput(namespace, sessionId, input, strategy, key, hash), clock.instant());
    return switch (result) {
      case InputResult.NoSession n -> throw notFound(namespace, sessionId);
      case InputResult.IdempotencyConflict c -> throw ApiException.conflict("idempotency_conflict",
          "idempotency_key '" + key.orElseThrow() + "' was already used by a different input (" + c.first().id() + ")",
          Optional.of(Map.of("input_id", c.first().id())));
      case InputResult.Accepted a when a.input().outcome() == InputOutcome.REJECTED -> {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("input_id", a.input().id());
        details.put("outcome", "rejected");
        details.put("deduplicated", a.deduplicated());
        throw ApiException.conflict("session_busy", "session '" + sessionId + "' has an active run and the strategy"
            + " is reject; send with strategy enqueue, interrupt, rollback or steer instead", Optional.of(details));
      }
      case InputResult.Accepted a -> new Submitted(a.input(), a.deduplicated());
    };
  }

  private void validateInput(String namespace, SessionRecord session, JsonNode input) {
    Optional<FunctionSpec> function = agents.spec(namespace, session.agent()).flatMap(a -> a.function(session.function()));
    Optional<String> schema = function.flatMap(FunctionSpec::inputSchemaJson);
    if (schema.isEmpty()) {
      return;
    }
    List<SchemaValidator.Violation> violations = schemas.validate(schema.get(), input);
    if (!violations.isEmpty()) {
      throw ApiException.unprocessable("input does not match the input schema of '" + session.function() + "': "
          + violations.size() + " violation(s)", violations);
    }
  }

  public List<SessionInput> inputs(String namespace, String sessionId, Optional<String> runId, long after, int limit) {
    get(namespace, sessionId);
    return store.inputs(namespace, sessionId, runId, after, limit);
  }

  public StateRevision state(String namespace, String sessionId) {
    return store.state(namespace, sessionId).orElseThrow(() -> notFound(namespace, sessionId));
  }

  public StateRevision putState(String namespace, String sessionId, SessionBodies.StateBody body) {
    if (body.state() == null) {
      throw ApiException.badRequest("'state' is required (a JSON document)");
    }
    String state = json(body.state(), "{}", "state");
    StateWrite w = store.putState(namespace, sessionId, state, Optional.ofNullable(body.expectedRevision()),
        Optional.ofNullable(body.leaseId()), clock.instant());
    return switch (w) {
      case StateWrite.Written written -> written.revision();
      case StateWrite.NoSession n -> throw notFound(namespace, sessionId);
      case StateWrite.RevisionConflict c -> throw ApiException.conflict("revision_conflict", "expected_revision "
          + body.expectedRevision() + " is not the current revision " + c.currentRevision(),
          Optional.of(Map.of("current_revision", c.currentRevision())));
      case StateWrite.StaleLease s -> throw ApiException.conflict("stale_lease", "lease '" + body.leaseId()
          + "' is not a running attempt of this session's run, or the run was rolled back", Optional.empty());
    };
  }

  public List<StateRevision> history(String namespace, String sessionId, Optional<Long> before, int limit) {
    get(namespace, sessionId);
    return store.history(namespace, sessionId, before, limit);
  }

  public List<SessionEvent> events(String namespace, String sessionId, long after, int limit) {
    get(namespace, sessionId);
    return store.events(namespace, sessionId, after, limit);
  }

  private String json(JsonNode node, String absent, String field) {
    String text = node == null ? absent : node.toString();
    int size = text.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxPayloadBytes) {
      throw ApiException.tooLarge(field + " is " + size + " bytes; the limit is " + maxPayloadBytes + " bytes");
    }
    return text;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required");
    }
    return value;
  }

  private static ApiException notFound(String namespace, String id) {
    return ApiException.notFound("session '" + id + "' not found in namespace '" + namespace + "'");
  }
}
