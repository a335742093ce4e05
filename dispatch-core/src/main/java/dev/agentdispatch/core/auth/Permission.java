package dev.agentdispatch.core.auth;

/** The kinds of action a request performs, checked against the caller's {@link Role}. */
public enum Permission {
  READ,
  INVOKE,
  WORK,
  /** Call models through the LLM gateway: agents and clients both do, a read-only key may not. */
  CALL_MODELS,
  ADMINISTER
}
