package dev.agentdispatch.sdk.worker;

/** The session a run belongs to. */
public interface SessionContext {
  /**
   * Returns the session's id.
   *
   * @return the id
   */
  String id();

  /**
   * Returns the session's state document.
   *
   * @return the state
   */
  SessionState state();
}
