package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.events.AgentEvent;
import java.util.Objects;

/** Validates and discards. The default event sink. */
public final class NoopEventSink implements EventSink {
  public static final NoopEventSink INSTANCE = new NoopEventSink();

  private NoopEventSink() {}

  @Override
  public void emit(AgentEvent event) {
    Objects.requireNonNull(event, "event is null");
  }
}
