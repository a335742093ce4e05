package dev.agentdispatch.server.app.traces;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of a trace tree: an invocation or an event, with its children in the order they began.
 *
 * @param kind {@code invocation} or {@code event}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceNode(
    String kind,
    String id,
    String parentId,
    String agent,
    String function,
    String topic,
    String status,
    Integer attempts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    List<TraceNode> children) {

  TraceNode withChildren(List<TraceNode> kids) {
    return new TraceNode(
        kind,
        id,
        parentId,
        agent,
        function,
        topic,
        status,
        attempts,
        createdAt,
        startedAt,
        finishedAt,
        durationMs,
        new ArrayList<>(kids));
  }
}
