package dev.agentdispatch.store.event;

import dev.agentdispatch.core.invocation.InvocationSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Published events. */
public interface EventStore {
  /**
   * Stores the event and one invocation per subscriber in one transaction: all of them, or (on any
   * failure) none. The event's {@code invocationIds} must list the specs' ids.
   */
  PublishOutcome publish(EventRecord event, List<InvocationSpec> invocations, Instant now);

  Optional<EventRecord> find(String namespace, String id);

  /** Newest first, optionally only one topic. */
  List<EventRecord> list(String namespace, Optional<String> topic, int limit);

  /** The events of one trace, oldest first. */
  List<EventRecord> byTrace(String namespace, String traceId, int limit);

  /**
   * Deletes up to {@code limit} events published before {@code cutoff} (retention); returns how
   * many.
   */
  int pruneBefore(Instant cutoff, int limit);
}
