package dev.agentdispatch.sdk.client;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/**
 * The current OpenTelemetry span as a {@code traceparent}. The only class of the client that names
 * an OpenTelemetry type: it is loaded only after {@link CallerTrace} found the API on the class
 * path.
 */
final class OtelCurrent {
  private OtelCurrent() {}

  static Optional<String> traceparent() {
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return Optional.empty();
    }
    return Optional.of(
        "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
  }
}
