package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.events.AgentEvent;

/** Receives every agent event a session emits. Called synchronously on the session's thread. */
@FunctionalInterface
public interface EventSink {
  void emit(AgentEvent event);
}
