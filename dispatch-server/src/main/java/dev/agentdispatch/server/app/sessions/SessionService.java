package dev.agentdispatch.server.app.sessions;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.session.InputOutcome;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.schemas.SchemaValidator;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.server.tracing.Admission;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.server.tracing.SpanNames;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Sessions: validation and error mapping around {@link SessionStore}, where every decision is made
 * atomically. Every bad request is refused before the store is touched, so it changes nothing.
 */
public final class SessionService {
  /** Most entries one read returns. */
  public static final int MAX_LIMIT = 1000;

  private final SessionStore store;
  private final AgentService agents;
  private final SchemaValidator schemas;
  private final Clock clock;
  private final int maxPayloadBytes;
  private final ServerTracing tracing;

  /**
   * The answer to an input: the stored input, and whether it repeated an earlier idempotency key.
   */
  public record Submitted(SessionInput input, boolean deduplicated) {}

  private final ServerMeters meters;

  /** Each input sent is a span of {@code tracing}; the run it starts joins its trace. */
  public SessionService(
      SessionStore store,
      AgentService agents,
      SchemaValidator schemas,
      Clock clock,
      int maxPayloadBytes,
      ServerMeters meters,
      ServerTracing tracing) {
    this.meters = meters;
    this.tracing = tracing;
    this.store = store;
    this.agents = agents;
    this.schemas = schemas;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public SessionRecord create(String namespace, SessionRequests.Create r) {
    AgentSpec agent = agents.requireSpec(namespace, r.agent());
    FunctionSpec function = function(agent, r.function());
    String id = r.sessionId().orElseGet(Ids::uuid7);
    String metadata = Check.size(r.metadata().toString(), maxPayloadBytes, "metadata");
    String state = Check.size(r.state().toString(), maxPayloadBytes, "state");
    RunTemplate template =
        new RunTemplate(
            InvocationSpec.DEFAULT_PRIORITY,
            function.retry().orElse(RetryPolicy.DEFAULT),
            function.timeout().orElse(InvocationSpec.DEFAULT_TIMEOUT),
            function.attemptTimeout(),
            r.lane());
    r.lane()
        .filter(l -> agent.lane(l).isEmpty())
        .ifPresent(l -> {
          throw new ServiceException.Invalid(
              "agent '" + agent.name() + "' has no lane '" + l + "'");
        });
    return switch (store.create(
        new NewSession(namespace, id, agent.name(), function.name(), metadata, state, template),
        clock.instant())) {
      case CreateSessionResult.Created c -> c.session();
      case CreateSessionResult.AlreadyExists e ->
          throw new ServiceException.Conflict(
              "session_exists",
              "session '" + id + "' already exists in namespace '" + namespace + "'",
              Optional.empty());
    };
  }

  private static FunctionSpec function(AgentSpec agent, Optional<String> name) {
    if (name.isPresent()) {
      return agent
          .function(name.get())
          .orElseThrow(() ->
              new ServiceException.NotFound(
                  "agent '" + agent.name() + "' has no function '" + name.get() + "'"));
    }
    if (agent.functions().size() != 1) {
      throw new ServiceException.Invalid(
          "'function' is required: agent '"
              + agent.name()
              + "' has "
              + agent.functions().stream().map(FunctionSpec::name).toList());
    }
    return agent.functions().get(0);
  }

  public SessionRecord get(String namespace, String id) {
    return store.find(namespace, id).orElseThrow(() -> notFound(namespace, id));
  }

  public Page<SessionRecord> list(
      String namespace, Optional<String> agent, int limit, Optional<String> cursor) {
    Check.limit(limit, MAX_LIMIT);
    return store.list(namespace, agent, limit, cursor);
  }

  public void delete(String namespace, String id) {
    if (!store.delete(namespace, id, clock.instant())) {
      throw notFound(namespace, id);
    }
  }

  /**
   * Sends an input; a refused one (strategy {@code reject} while busy) is stored, then answered
   * with 409.
   */
  public Submitted submit(String namespace, String sessionId, SessionRequests.Input r) {
    return tracing
        .admit("admit session input", Optional.empty(), true)
        .tag(SpanNames.NAMESPACE, namespace)
        .tag(SpanNames.SESSION_ID, sessionId)
        .around(trace -> {
          Submitted submitted = submit(namespace, sessionId, r, trace);
          trace.tag(SpanNames.INPUT_ID, submitted.input().id());
          return submitted;
        });
  }

  private Submitted submit(
      String namespace, String sessionId, SessionRequests.Input r, Admission trace) {
    InputStrategy strategy = r.strategy();
    String input = Check.size(r.input().toString(), maxPayloadBytes, "input");
    Optional<String> key = r.idempotencyKey();
    SessionRecord session = get(namespace, sessionId);
    checkInput(namespace, session.agent(), session.function(), r.input());
    Optional<String> hash = key.map(k -> KeySecrets.hash(strategy.wire() + "\n" + input));
    InputResult result =
        store.submit(
            new NewInput(
                namespace,
                sessionId,
                input,
                strategy,
                key,
                hash,
                Optional.of(trace.traceId()),
                trace.parentSpanIdFor(trace.traceId())),
            clock.instant());
    if (result instanceof InputResult.Accepted a && !a.deduplicated()) {
      meters.sessionInput(namespace, session.agent(), strategy.wire(), a.input().outcome().wire());
    }
    return switch (result) {
      case InputResult.NoSession n -> throw notFound(namespace, sessionId);
      case InputResult.IdempotencyConflict c ->
          throw new ServiceException.Conflict(
              "idempotency_conflict",
              "idempotency_key '"
                  + key.orElseThrow()
                  + "' was already used by a different input ("
                  + c.first().id()
                  + ")",
              Optional.of(Map.of("input_id", c.first().id())));
      case InputResult.Accepted a when a.input().outcome() == InputOutcome.REJECTED -> {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("input_id", a.input().id());
        details.put("outcome", "rejected");
        details.put("deduplicated", a.deduplicated());
        throw new ServiceException.Conflict(
            "session_busy",
            "session '"
                + sessionId
                + "' has an active run and the strategy"
                + " is reject; send with strategy enqueue, interrupt, rollback or steer instead",
            Optional.of(details));
      }
      case InputResult.Accepted a -> new Submitted(a.input(), a.deduplicated());
    };
  }

  /**
   * Checks {@code input} against the input schema of {@code agent}'s {@code function}, as {@link
   * #submit} does: lets a door refuse a first input before it opens a session for it.
   */
  public void checkInput(String namespace, String agent, String functionName, JsonNode input) {
    Optional<FunctionSpec> function =
        agents.spec(namespace, agent).flatMap(a -> a.function(functionName));
    function.ifPresent(f -> validateInput(f, input));
  }

  private void validateInput(FunctionSpec function, JsonNode input) {
    Optional<String> schema = function.inputSchemaJson();
    if (schema.isEmpty()) {
      return;
    }
    List<SchemaValidator.Violation> violations = schemas.validate(schema.get(), input);
    if (!violations.isEmpty()) {
      throw new ServiceException.Unprocessable(
          "input does not match the input schema of '"
              + function.name()
              + "': "
              + violations.size()
              + " violation(s)",
          violations);
    }
  }

  /**
   * Opens a session and sends its first input (a protocol door's new conversation). A bad input is
   * refused before the session is made, so it changes nothing.
   */
  public Submitted openWith(
      String namespace, SessionRequests.Create open, SessionRequests.Input first) {
    AgentSpec agent = agents.requireSpec(namespace, open.agent());
    validateInput(function(agent, open.function()), first.input());
    Check.size(first.input().toString(), maxPayloadBytes, "input");
    SessionRecord session = create(namespace, open);
    return submit(namespace, session.id(), first);
  }

  public List<SessionInput> inputs(
      String namespace, String sessionId, Optional<String> runId, long after, int limit) {
    Check.limit(limit, MAX_LIMIT);
    get(namespace, sessionId);
    return store.inputs(namespace, sessionId, runId, after, limit);
  }

  public StateRevision state(String namespace, String sessionId) {
    return store.state(namespace, sessionId).orElseThrow(() -> notFound(namespace, sessionId));
  }

  /**
   * Writes the state of the session {@code open} names, opening it (with that state) when it does
   * not exist yet: a session used as an agent's short-term memory. Two writers racing to open it
   * both succeed; the later write is the current revision.
   */
  public StateRevision putStateOpening(String namespace, SessionRequests.Create open) {
    String id =
        open.sessionId()
            .orElseThrow(() -> new ServiceException.Invalid("'session_id' is required"));
    SessionRequests.PutState write =
        new SessionRequests.PutState(open.state(), Optional.empty(), Optional.empty());
    try {
      return putState(namespace, id, write);
    } catch (ServiceException.NotFound absent) {
      try {
        create(namespace, open);
        return state(namespace, id);
      } catch (ServiceException.Conflict raced) {
        return putState(namespace, id, write);
      }
    }
  }

  public StateRevision putState(String namespace, String sessionId, SessionRequests.PutState r) {
    String state = Check.size(r.state().toString(), maxPayloadBytes, "state");
    StateWrite w =
        store.putState(
            namespace, sessionId, state, r.expectedRevision(), r.leaseId(), clock.instant());
    return switch (w) {
      case StateWrite.Written written -> written.revision();
      case StateWrite.NoSession n -> throw notFound(namespace, sessionId);
      case StateWrite.RevisionConflict c ->
          throw new ServiceException.Conflict(
              "revision_conflict",
              "expected_revision "
                  + r.expectedRevision().orElseThrow()
                  + " is not the current revision "
                  + c.currentRevision(),
              Optional.of(Map.of("current_revision", c.currentRevision())));
      case StateWrite.StaleLease s ->
          throw new ServiceException.Conflict(
              "stale_lease",
              "lease '"
                  + r.leaseId().orElseThrow()
                  + "' is not a running attempt of this session's run, or the run was rolled back",
              Optional.empty());
    };
  }

  public List<StateRevision> history(
      String namespace, String sessionId, Optional<Long> before, int limit) {
    Check.limit(limit, MAX_LIMIT);
    get(namespace, sessionId);
    return store.history(namespace, sessionId, before, limit);
  }

  public List<SessionEvent> events(String namespace, String sessionId, long after, int limit) {
    Check.limit(limit, MAX_LIMIT);
    get(namespace, sessionId);
    return store.events(namespace, sessionId, after, limit);
  }

  private static ServiceException.NotFound notFound(String namespace, String id) {
    return new ServiceException.NotFound(
        "session '" + id + "' not found in namespace '" + namespace + "'");
  }
}
