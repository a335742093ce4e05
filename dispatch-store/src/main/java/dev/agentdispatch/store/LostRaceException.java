package dev.agentdispatch.store;

/**
 * Concurrent writers kept winning (a session's active run kept changing, PostgreSQL kept reporting
 * serialization failures) until the store gave up: nothing changed, and the same request may
 * succeed if sent again. The API answers 503 {@code lost_race} with {@code Retry-After}.
 */
public final class LostRaceException extends StoreException {
  private static final long serialVersionUID = 1L;

  public LostRaceException(String message, Throwable cause) {
    super(message, cause);
  }

  public LostRaceException(String message) {
    super(message);
  }
}
