package dev.agentdispatch.server.app.sessions;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The requests of conversational sessions (DESIGN §8), each checked as it is made. */
public final class SessionRequests {
  private SessionRequests() {}

  /**
   * Open a session with {@code agent}'s {@code function} (optional when the agent has exactly one).
   *
   * @param metadata a JSON object
   * @param state the first state document
   */
  public record Create(
      String agent,
      Optional<String> function,
      Optional<String> sessionId,
      JsonNode metadata,
      JsonNode state,
      Optional<String> lane) {
    /** A session whose runs run in the default lane. */
    public Create(
        String agent,
        Optional<String> function,
        Optional<String> sessionId,
        JsonNode metadata,
        JsonNode state) {
      this(agent, function, sessionId, metadata, state, Optional.empty());
    }

    public Create {
      Objects.requireNonNull(lane, "lane is null");
      lane.ifPresent(l -> Check.name(l, "lane"));
      Check.name(agent, "agent");
      function.ifPresent(f -> Check.name(f, "function"));
      sessionId.ifPresent(s -> Names.require(s, "session_id"));
      if (!metadata.isObject()) {
        throw new ServiceException.Invalid("metadata must be a JSON object");
      }
      Objects.requireNonNull(state, "state is null");
    }

    /** From wire values; absent metadata and state are empty objects. */
    public static Create of(
        String agent,
        String function,
        String sessionId,
        JsonNode metadata,
        JsonNode state,
        String lane) {
      JsonNodeFactory json = JsonNodeFactory.instance;
      return new Create(
          agent,
          Optional.ofNullable(function),
          Optional.ofNullable(sessionId),
          metadata == null ? json.objectNode() : metadata,
          state == null ? json.objectNode() : state,
          Optional.ofNullable(lane));
    }
  }

  /** Send an input to a session; {@code strategy} says what happens when a run is active. */
  public record Input(JsonNode input, InputStrategy strategy, Optional<String> idempotencyKey) {
    public Input {
      Objects.requireNonNull(input, "input is null");
      Objects.requireNonNull(strategy, "strategy is null");
      idempotencyKey.ifPresent(k -> Check.optionalId(k, "idempotency_key"));
    }

    /** From wire values; the strategy defaults to {@code enqueue}. */
    public static Input of(JsonNode input, String strategy, String idempotencyKey) {
      if (input == null) {
        throw new ServiceException.Invalid("'input' is required (any JSON value)");
      }
      InputStrategy s =
          Optional.ofNullable(strategy)
              .map(name ->
                  InputStrategy.parse(name)
                      .orElseThrow(() ->
                          new ServiceException.Invalid(
                              "strategy '" + name + "' is not one of " + InputStrategy.choices())))
              .orElse(InputStrategy.DEFAULT);
      return new Input(input, s, Check.optionalId(idempotencyKey, "idempotency_key"));
    }
  }

  /**
   * Write a new state revision.
   *
   * @param expectedRevision optimistic check: write only if this is still the current revision
   * @param leaseId a worker writing for its run names its lease, which fences the write
   */
  public record PutState(
      JsonNode state, Optional<Long> expectedRevision, Optional<String> leaseId) {
    public PutState {
      Objects.requireNonNull(state, "state is null");
    }

    public static PutState of(JsonNode state, Long expectedRevision, String leaseId) {
      if (state == null) {
        throw new ServiceException.Invalid("'state' is required (a JSON document)");
      }
      return new PutState(
          state, Optional.ofNullable(expectedRevision), Optional.ofNullable(leaseId));
    }
  }
}
