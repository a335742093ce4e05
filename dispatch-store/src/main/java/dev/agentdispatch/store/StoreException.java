package dev.agentdispatch.store;

/**
 * Why a store operation did not do what was asked. The set is closed so that callers (the API's
 * error mapper) can decide per kind: the database failed ({@link StoreUnavailableException}), the
 * request clashes with what is stored ({@link ConflictException}), or a concurrent writer won
 * ({@link LostRaceException}). In every case the operation changed nothing.
 */
public abstract sealed class StoreException extends RuntimeException
    permits StoreUnavailableException, ConflictException, LostRaceException {
  private static final long serialVersionUID = 1L;

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  StoreException(String message) {
    super(message);
  }
}
