package dev.agentdispatch.runtime.session;

/**
 * Carries a checked exception thrown by a turn or tool function out of the session's unchecked API.
 * Classification looks at the cause, so wrapping changes nothing there.
 */
public final class SessionCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SessionCallException(Exception cause) {
    super(cause.getClass().getSimpleName() + " raised", cause);
  }

  /** Rethrows unchecked throwables as they are and wraps checked ones. */
  static RuntimeException propagate(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new SessionCallException((Exception) t);
  }
}
