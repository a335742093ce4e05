package dev.agentdispatch.store.session;

/** The result of sending an input, decided atomically with storing it. */
public sealed interface InputResult {
  /** Stored (or, with {@code deduplicated}, stored earlier under the same idempotency key). */
  record Accepted(SessionInput input, boolean deduplicated) implements InputResult {}

  /** The idempotency key was used before by a different input; nothing changed. */
  record IdempotencyConflict(SessionInput first) implements InputResult {}

  /** There is no such session; nothing changed. */
  record NoSession() implements InputResult {}
}
