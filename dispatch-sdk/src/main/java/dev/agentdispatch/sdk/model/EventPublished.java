package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;

/**
 * The answer to a publish.
 *
 * @param eventUid the event's id
 * @param invocationIds one invocation per subscribed function
 * @param handlerCount how many functions were subscribed (0 is a valid publish)
 * @param traceId the trace the event and its handlers belong to
 * @param deduplicated true when an earlier publish with the same idempotency key is returned
 */
public record EventPublished(
    String eventUid,
    List<String> invocationIds,
    int handlerCount,
    String traceId,
    boolean deduplicated) {
  /** Checks the required fields. */
  public EventPublished {
    requireNonNull(eventUid, "eventUid is null");
    invocationIds = Normalize.list(invocationIds);
  }
}
