package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEvents;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.sinks.EventSink;
import dev.agentdispatch.runtime.telemetry.SessionTrace;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one path every session event takes: stamp the project id, append to the session's list, hand
 * to the sink, then to the session's trace. A failing sink never breaks the agent: the error is
 * swallowed, a local diagnostic ({@code agent.failed}, DEPENDENCY_FAILED, data {component:
 * "event_sink", error_type}) is appended to the list only, and an error is logged without the
 * message text.
 */
final class SessionEvents {
  private static final System.Logger LOG = System.getLogger(SessionEvents.class.getName());

  private final EventSink sink;
  private final Optional<Long> projectId;
  private final AgentEvents factory;
  private final String role;
  private final String phase;
  private final SessionTrace trace;
  private final List<AgentEvent> events = new ArrayList<>();

  SessionEvents(
      EventSink sink,
      Optional<Long> projectId,
      AgentEvents factory,
      String role,
      String phase,
      SessionTrace trace) {
    this.sink = sink;
    this.trace = trace;
    this.projectId = projectId;
    this.factory = factory;
    this.role = role;
    this.phase = phase;
  }

  void emit(AgentEvent event) {
    AgentEvent stamped =
        event.projectId().isEmpty() && projectId.isPresent()
            ? event.withProject(projectId.get())
            : event;
    synchronized (this) {
      events.add(stamped);
    }
    try {
      sink.emit(stamped);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "event_sink failed ({0}); session continued", e.getClass().getName());
      AgentEvent diagnostic = diagnostic("event_sink", e, "event_sink failed; session continued");
      synchronized (this) {
        events.add(diagnostic);
      }
    }
    trace.event(stamped);
  }

  /** A usage-sink failure: logged, then emitted normally so the event sink sees it too. */
  void usageSinkFailed(RuntimeException e) {
    LOG.log(Level.ERROR, "usage_sink failed ({0}); session continued", e.getClass().getName());
    emit(diagnostic("usage_sink", e, "usage_sink failed; session continued"));
  }

  private AgentEvent diagnostic(String component, RuntimeException e, String detail) {
    AgentEvent d =
        factory
            .failed(role, phase, AgentFailureClass.DEPENDENCY_FAILED)
            .withDetail(detail)
            .withData(Map.of("component", component, "error_type", e.getClass().getSimpleName()));
    return projectId.map(d::withProject).orElse(d);
  }

  AgentEvents factory() {
    return factory;
  }

  synchronized List<AgentEvent> snapshot() {
    return List.copyOf(events);
  }
}
