package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.json.Normalize;
import dev.agentdispatch.sdk.model.InvocationStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which invocations {@link DispatchClient#list(InvocationFilter)} returns; build with {@link
 * #builder()}, page on with {@link #withCursor(String)}.
 *
 * @param status only this status
 * @param agent only this agent
 * @param function only this function
 * @param traceId only this trace
 * @param parentId only children of this invocation
 * @param deadLetter only dead-lettered invocations
 * @param limit the page size
 * @param cursor where the page starts (from a previous page's next cursor)
 */
public record InvocationFilter(
    Optional<InvocationStatus> status,
    Optional<String> agent,
    Optional<String> function,
    Optional<String> traceId,
    Optional<String> parentId,
    boolean deadLetter,
    Optional<Integer> limit,
    Optional<String> cursor) {

  /** Validates the limit. */
  public InvocationFilter {
    status = Normalize.optional(status);
    agent = Normalize.optional(agent);
    function = Normalize.optional(function);
    traceId = Normalize.optional(traceId);
    parentId = Normalize.optional(parentId);
    limit = Normalize.optional(limit);
    limit
        .filter(n -> n < 1)
        .ifPresent(n -> {
          throw new IllegalArgumentException("limit must be >= 1, got " + n);
        });
    cursor = Normalize.optional(cursor);
  }

  /**
   * Returns a filter that matches everything.
   *
   * @return the empty filter
   */
  public static InvocationFilter all() {
    return builder().build();
  }

  /**
   * Starts a builder that matches everything.
   *
   * @return a new builder
   */
  public static InvocationFilterBuilder builder() {
    return new InvocationFilterBuilder();
  }

  /**
   * Returns the same filter starting at another page.
   *
   * @param next the next cursor of the previous page
   * @return the new filter
   */
  public InvocationFilter withCursor(String next) {
    return new InvocationFilter(
        status, agent, function, traceId, parentId, deadLetter, limit, Optional.of(next));
  }

  /** The query parameters, in a stable order. */
  Map<String, String> toQuery() {
    Map<String, String> query = new LinkedHashMap<>();
    status.ifPresent(s -> query.put("status", s.wireName()));
    agent.ifPresent(a -> query.put("agent", a));
    function.ifPresent(f -> query.put("function", f));
    traceId.ifPresent(t -> query.put("trace_id", t));
    parentId.ifPresent(p -> query.put("parent_id", p));
    if (deadLetter) {
      query.put("dead_letter", "true");
    }
    limit.ifPresent(n -> query.put("limit", Integer.toString(n)));
    cursor.ifPresent(c -> query.put("cursor", c));
    return query;
  }
}
