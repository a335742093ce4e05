package dev.agentdispatch.store.session;

/** The result of writing a session's state document. */
public sealed interface StateWrite {
  record Written(StateRevision revision) implements StateWrite {}

  /** {@code expected_revision} did not match; nothing changed. */
  record RevisionConflict(long currentRevision) implements StateWrite {}

  /**
   * The lease named is not a running attempt of this session's active run, or the run was rolled
   * back (its state changes are discarded); nothing changed.
   */
  record StaleLease() implements StateWrite {}

  record NoSession() implements StateWrite {}
}
