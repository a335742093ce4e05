package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.Invocation;

/** A batch create met an idempotency key used before by a different request; nothing of the batch was stored. */
public final class BatchIdempotencyConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int index;
  private final transient Invocation existing;

  public BatchIdempotencyConflictException(int index, Invocation existing) {
    super("invocations[" + index + "]: idempotency_key '" + existing.spec().idempotencyKey().orElse("")
        + "' was already used by a different request (invocation " + existing.id() + ")");
    this.index = index;
    this.existing = existing;
  }

  public int index() {
    return index;
  }

  public Invocation existing() {
    return existing;
  }
}
