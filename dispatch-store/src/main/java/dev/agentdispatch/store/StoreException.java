package dev.agentdispatch.store;

/** A failure of the database itself (I/O, corruption, lost connection): the operation did not happen. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
