package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.events.AgentEvent;
import java.util.List;

/**
 * Emits to every sink in order. A failing sink does not stop the others; the first error is
 * rethrown at the end (with the rest suppressed) unless {@code suppressErrors} is set.
 */
public final class FanoutEventSink implements EventSink {
  private final List<EventSink> sinks;
  private final boolean suppressErrors;

  public FanoutEventSink(List<EventSink> sinks, boolean suppressErrors) {
    this.sinks = Fanout.nonEmpty(sinks);
    this.suppressErrors = suppressErrors;
  }

  public FanoutEventSink(List<EventSink> sinks) {
    this(sinks, false);
  }

  @Override
  public void emit(AgentEvent event) {
    Fanout.deliver(sinks, suppressErrors, s -> s.emit(event));
  }

  public List<EventSink> sinks() {
    return sinks;
  }
}
