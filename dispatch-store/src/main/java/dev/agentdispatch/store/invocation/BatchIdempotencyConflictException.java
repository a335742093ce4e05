package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.store.ConflictException;

/**
 * A batch create met an idempotency key used before by a different request; nothing of the batch
 * was stored. Carries which item clashed and with which earlier invocation, for the API's error
 * details.
 */
public final class BatchIdempotencyConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;
  private final int index;
  private final transient Invocation existing;

  public BatchIdempotencyConflictException(int index, Invocation existing) {
    super(
        Kind.IDEMPOTENCY_CONFLICT,
        "invocations["
            + index
            + "]: idempotency_key '"
            + existing.spec().idempotencyKey().orElse("")
            + "' was already used by a different request (invocation "
            + existing.id()
            + ")");
    this.index = index;
    this.existing = existing;
  }

  /** The position in the batch of the item that clashed. */
  public int index() {
    return index;
  }

  /** The earlier invocation that holds the key. */
  public Invocation existing() {
    return existing;
  }
}
