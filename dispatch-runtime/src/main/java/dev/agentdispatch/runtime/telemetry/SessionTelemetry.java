package dev.agentdispatch.runtime.telemetry;

/**
 * Where a session reports its run for tracing: one {@link SessionTrace} per session, with a child
 * for each turn and each tool call. The runtime's own implementation is {@code
 * dev.agentdispatch.runtime.otel.OtelSessionTelemetry}; this interface names no OpenTelemetry type,
 * so a runtime without OpenTelemetry on the class path never loads one.
 *
 * <p>Implementations must not throw: a trace is an observer, and the agent's run never depends on
 * it.
 */
@FunctionalInterface
public interface SessionTelemetry {
  /** No tracing: the default of every session. */
  SessionTelemetry NONE = identity -> SessionTrace.NONE;

  /** Starts the trace of a session that is being opened (before its {@code agent.started}). */
  SessionTrace open(SessionIdentity identity);
}
