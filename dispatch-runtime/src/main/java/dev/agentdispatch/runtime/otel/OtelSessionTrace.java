package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelAttributes.*;

import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEventName;
import dev.agentdispatch.runtime.telemetry.OperationTrace;
import dev.agentdispatch.runtime.telemetry.SessionIdentity;
import dev.agentdispatch.runtime.telemetry.SessionTrace;
import dev.agentdispatch.runtime.telemetry.TurnTrace;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The span of one session and the bookkeeping of its children. The session span starts in the
 * caller's context (so an agent run inside a traced request joins that trace) and ends with the
 * session's terminal event, taking that event's attributes; children still open then are ended as
 * interrupted. Every other event becomes a span event on the operation current on the emitting
 * thread, or on the session span: a budget or usage-limit overrun ({@code agent.failed} with data)
 * is such an event, and never ends or fails the session span by itself.
 */
final class OtelSessionTrace implements SessionTrace {
  private final TraceSettings settings;
  private final SessionIdentity identity;
  private final Attributes agentAttributes;
  private final SpanHandle session;
  private final Context sessionContext;
  private final Map<Span, OtelOperation> children = new ConcurrentHashMap<>();

  OtelSessionTrace(TraceSettings settings, SessionIdentity identity) {
    this.settings = settings;
    this.identity = identity;
    this.agentAttributes = agentAttributes(identity);
    SpanBuilder b =
        settings
            .tracer()
            .spanBuilder(OP_INVOKE_AGENT + " " + identity.role())
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(agentAttributes)
            .setAttribute(GEN_AI_OPERATION_NAME, OP_INVOKE_AGENT)
            .setAttribute(GEN_AI_PROVIDER_NAME, settings.providerName());
    identity.threadId().ifPresent(t -> b.setAttribute(GEN_AI_CONVERSATION_ID, t));
    Span span = b.startSpan();
    this.session = new SpanHandle(span, settings.open(), () -> {});
    this.sessionContext = Context.current().with(span);
  }

  private static Attributes agentAttributes(SessionIdentity id) {
    AttributesBuilder b =
        Attributes.builder()
            .put(GEN_AI_AGENT_NAME, id.role())
            .put(GEN_AI_AGENT_ID, id.workerId())
            .put(PHASE, id.phase())
            .put(AGENT_ROLE, id.role())
            .put(AGENT_PHASE, id.phase());
    id.projectId().ifPresent(p -> b.put(AGENT_PROJECT_ID, p));
    return b.build();
  }

  @Override
  public TurnTrace turn(String model, Optional<String> provider) {
    SpanBuilder b =
        child(model.isEmpty() ? OP_CHAT : OP_CHAT + " " + model, SpanKind.CLIENT, OP_CHAT)
            .setAttribute(GEN_AI_PROVIDER_NAME, provider.orElse(settings.providerName()));
    if (!model.isEmpty()) {
      b.setAttribute(GEN_AI_REQUEST_MODEL, model);
    }
    return start(b, ERROR_TURN_SPAN_INTERRUPTED);
  }

  @Override
  public OperationTrace tool(String name) {
    SpanBuilder b =
        child(OP_EXECUTE_TOOL + " " + name, SpanKind.INTERNAL, OP_EXECUTE_TOOL)
            .setAttribute(GEN_AI_TOOL_NAME, name)
            .setAttribute(GEN_AI_PROVIDER_NAME, settings.providerName());
    return start(b, ERROR_TOOL_SPAN_INTERRUPTED);
  }

  private SpanBuilder child(String name, SpanKind kind, String operation) {
    return settings
        .tracer()
        .spanBuilder(name)
        .setParent(sessionContext)
        .setSpanKind(kind)
        .setAllAttributes(agentAttributes)
        .setAttribute(GEN_AI_OPERATION_NAME, operation);
  }

  private OtelOperation start(SpanBuilder builder, String interruptedType) {
    Span span = builder.startSpan();
    SpanHandle handle = new SpanHandle(span, settings.open(), () -> children.remove(span));
    OtelOperation op =
        new OtelOperation(
            handle, interruptedType, settings.metrics(), settings.providerName(), identity.role());
    children.put(span, op);
    return op;
  }

  @Override
  public void event(AgentEvent e) {
    AgentEventName name = e.event();
    if (name == AgentEventName.COMPLETED || e.terminal()) {
      end(e);
    } else if (!isSpanBoundary(e)) {
      record(e);
    }
  }

  /** Events a span already stands for: the session's start, and a tool call's own events. */
  private static boolean isSpanBoundary(AgentEvent e) {
    AgentEventName name = e.event();
    return name == AgentEventName.STARTED
        || name == AgentEventName.TOOL_CALLED
        || name == AgentEventName.TOOL_COMPLETED
        || (name == AgentEventName.FAILED
            && e.data().map(d -> d.containsKey("tool")).orElse(false));
  }

  private void record(AgentEvent e) {
    if (!session.isOpen()) {
      return;
    }
    OtelOperation current = children.get(Span.current());
    Span target = current == null ? session.span() : current.span();
    if (current != null && e.event() == AgentEventName.PROVIDER_SWITCHED) {
      e.data()
          .map(d -> d.get("to"))
          .ifPresent(to -> target.setAttribute(GEN_AI_PROVIDER_NAME, String.valueOf(to)));
    }
    Map<String, Object> attributes = eventAttributes(e);
    attributes.putAll(OtelMapping.outcomeAttributes(e, settings.includeEventDetail()));
    target.addEvent(e.event().value(), AttributeMaps.of(attributes));
  }

  private void end(AgentEvent terminal) {
    session.end(span -> {
      // Children first: a tool still running when its session was cancelled never finished.
      List.copyOf(children.values()).forEach(OtelOperation::interrupt);
      boolean detail = settings.includeEventDetail();
      Map<String, Object> attributes = eventAttributes(terminal);
      attributes.putAll(
          OtelMapping.spanAttributes(
              terminal, settings.providerName(), Optional.of(identity.workerId()), detail));
      span.setAllAttributes(AttributeMaps.of(attributes));
      terminal
          .failureClass()
          .ifPresent(fc ->
              Failures.mark(span, fc, detail ? terminal.detail().orElse(fc.value()) : fc.value()));
    });
  }

  /** The event's {@code agent.*} attributes; its detail only when details are included. */
  private Map<String, Object> eventAttributes(AgentEvent e) {
    Map<String, Object> attributes = OtelMapping.eventAttributes(e);
    if (!settings.includeEventDetail()) {
      attributes.remove(AGENT_DETAIL);
    }
    return attributes;
  }
}
