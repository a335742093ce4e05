package dev.agentdispatch.store;

/**
 * The database itself failed (I/O, corruption, lost connection, a failed commit, a closed store):
 * the operation did not happen and may succeed when tried again later. The API answers 503.
 */
public final class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
