package dev.agentdispatch.runtime.telemetry;

import dev.agentdispatch.runtime.events.AgentEvent;
import java.util.Optional;

/**
 * The trace of one session. It sees every event the session emits, in order; a terminal event
 * ({@code agent.completed}, or an {@code agent.failed} without data, cancellation included) ends
 * it. Turns and tool calls are its children.
 */
public interface SessionTrace {
  /** A trace that records nothing. */
  SessionTrace NONE = new NoTrace();

  /**
   * Starts the trace of one model turn.
   *
   * @param model the model the turn asks for (empty when the turn names none)
   * @param provider the provider the turn starts on, when the session has one
   */
  TurnTrace turn(String model, Optional<String> provider);

  /** Starts the trace of one tool call, from {@code agent.tool_called} to its end. */
  OperationTrace tool(String name);

  /** Every event of the session, after the event sink has seen it. */
  void event(AgentEvent event);
}
