package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.Invocation;

/** The result of creating an invocation, idempotency decided atomically with the insert. */
public sealed interface CreateOutcome {
  Invocation invocation();

  /** A new invocation was stored. */
  record Created(Invocation invocation) implements CreateOutcome {}

  /** The idempotency key was used before by the same request: this is the first invocation. */
  record Deduplicated(Invocation invocation) implements CreateOutcome {}

  /** The idempotency key was used before by a different request: this is the first invocation. */
  record IdempotencyConflict(Invocation invocation) implements CreateOutcome {}
}
