package dev.agentdispatch.store.llm;

import java.util.Objects;
import java.util.Optional;

/** A page of recorded calls, newest recorded first; every present filter must match. */
public record LlmCallQuery(
    String namespace,
    Optional<String> traceId,
    Optional<String> invocationId,
    Optional<String> agent,
    int limit,
    Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public LlmCallQuery {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(invocationId, "invocationId is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(cursor, "cursor is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }
}
