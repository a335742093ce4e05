package dev.agentdispatch.store;

import java.util.Objects;

/**
 * The request clashes with what is stored, so it was refused and changed nothing; sending it again
 * unchanged fails again. {@link #kind()} says which rule it broke. Subclasses (outside this
 * package, hence not sealed) carry the data a caller needs to explain the clash.
 */
public non-sealed class ConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The rules a request can break, each with the stable code the API reports. */
  public enum Kind {
    /** A change would give a session a second active run (e.g. a manual retry of an old run). */
    SESSION_BUSY("session_busy"),
    /** A schedule with that name already exists in the namespace. */
    NAME_TAKEN("name_taken"),
    /** An idempotency key was used before by a different request. */
    IDEMPOTENCY_CONFLICT("idempotency_conflict"),
    /**
     * A new invocation's session_id names a session: session runs start only from the session's
     * inputs.
     */
    SESSION_ID_TAKEN("session_id_taken");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The wire code, e.g. {@code session_busy}. */
    public String code() {
      return code;
    }
  }

  private final Kind kind;

  public ConflictException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
