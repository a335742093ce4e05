package dev.agentdispatch.core.auth;

/** The kinds of action a request performs, checked against the caller's {@link Role}. */
public enum Permission {
  READ,
  INVOKE,
  WORK,
  ADMINISTER
}
