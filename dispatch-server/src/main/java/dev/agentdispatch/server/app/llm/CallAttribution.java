package dev.agentdispatch.server.app.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * Whom a model call is for: its namespace, and the agent, trace, invocation and session the caller
 * attributed it to (the {@code X-Dispatch-*} headers, or the fields of a reported call). Budgets
 * are charged to the agent and the namespace; traces show the call under its invocation.
 */
public record CallAttribution(
    String namespace,
    Optional<String> agent,
    Optional<String> traceId,
    Optional<String> invocationId,
    Optional<String> sessionId) {

  public CallAttribution {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(sessionId, "sessionId");
  }

  /** A call attributed to nothing but its namespace. */
  public static CallAttribution of(String namespace) {
    return new CallAttribution(
        namespace, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
