package dev.agentdispatch.store;

/**
 * The database itself failed (I/O, corruption, lost connection, a failed commit, a closed store):
 * the operation did not happen and may succeed when tried again later. The API answers 503.
 */
public final class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final boolean overload;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.overload = false;
  }

  public StoreUnavailableException(String message) {
    this(message, false);
  }

  private StoreUnavailableException(String message, boolean overload) {
    super(message);
    this.overload = overload;
  }

  /**
   * The database is fine but has more work waiting than the store lets wait: refused at once, so
   * that admitted work keeps a bounded latency and callers back off instead of piling up.
   */
  public static StoreUnavailableException overloaded(String message) {
    return new StoreUnavailableException(message, true);
  }

  /** True when the store refused for overload rather than for a failure of the database. */
  public boolean overload() {
    return overload;
  }
}
