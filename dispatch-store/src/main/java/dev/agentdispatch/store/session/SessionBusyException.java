package dev.agentdispatch.store.session;

/**
 * A change would give a session a second active run (e.g. a manual retry of an old run while another is
 * active); it was refused and changed nothing. The API answers 409.
 */
public final class SessionBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SessionBusyException(String message) {
    super(message);
  }
}
