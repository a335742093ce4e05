package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.InvocationStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters of an invocation listing, newest first; {@code cursor} is the last id of the previous
 * page.
 */
public record InvocationQuery(
    String namespace,
    Optional<InvocationStatus> status,
    Optional<String> agent,
    Optional<String> function,
    Optional<String> traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    boolean deadLetterOnly,
    int limit,
    Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public InvocationQuery {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(parentId, "parentId is null");
    Objects.requireNonNull(sessionId, "sessionId is null");
    Objects.requireNonNull(cursor, "cursor is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  public static InvocationQuery all(String namespace) {
    return new InvocationQuery(
        namespace,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        DEFAULT_LIMIT,
        Optional.empty());
  }
}
