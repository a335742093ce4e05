package dev.agentdispatch.store.event;

/** The result of a publish, idempotency decided atomically with the inserts. */
public sealed interface PublishOutcome {
  EventRecord event();

  /** The event and all its invocations were stored together. */
  record Published(EventRecord event) implements PublishOutcome {}

  /** The idempotency key was used before by the same request: this is the first event. */
  record Deduplicated(EventRecord event) implements PublishOutcome {}

  /** The idempotency key was used before by a different request. */
  record IdempotencyConflict(EventRecord event) implements PublishOutcome {}
}
