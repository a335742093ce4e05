package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelAttributes.AGENT_FAILURE_CLASS;
import static dev.agentdispatch.runtime.otel.OtelAttributes.ERROR_TYPE;
import static dev.agentdispatch.runtime.otel.OtelAttributes.FAILURE_CLASS;

import dev.agentdispatch.runtime.events.AgentFailureClass;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** How a span shows a failure, in one place so that every span shows it alike. */
final class Failures {
  private Failures() {}

  /**
   * Records the failure class; every class but {@code cancelled} is also an error ({@code
   * error.type} and status ERROR), because a cancelled run did what it was asked to.
   */
  static void mark(Span span, AgentFailureClass failureClass, String description) {
    span.setAttribute(FAILURE_CLASS, failureClass.value());
    span.setAttribute(AGENT_FAILURE_CLASS, failureClass.value());
    if (failureClass != AgentFailureClass.CANCELLED) {
      error(span, failureClass.value(), description);
    }
  }

  /** An error that has no failure class (an interrupted or abandoned span). */
  static void error(Span span, String errorType, String description) {
    span.setAttribute(ERROR_TYPE, errorType);
    span.setStatus(StatusCode.ERROR, description);
  }
}
