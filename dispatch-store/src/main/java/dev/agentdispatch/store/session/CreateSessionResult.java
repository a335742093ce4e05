package dev.agentdispatch.store.session;

/** The result of creating a session. */
public sealed interface CreateSessionResult {
  record Created(SessionRecord session) implements CreateSessionResult {}

  /** A session with that id exists already in the namespace; nothing changed. */
  record AlreadyExists(SessionRecord existing) implements CreateSessionResult {}
}
