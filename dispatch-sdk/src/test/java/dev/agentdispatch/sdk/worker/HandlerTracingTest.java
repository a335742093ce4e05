package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.sdk.client.CallerTrace;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.Lease;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.node.NullNode;

/**
 * A run without OpenTelemetry still names its work in the MDC and passes the lease's trace context
 * on; the client sends the current OpenTelemetry span's context when there is one.
 */
@SuppressWarnings("try") // the scopes are what is tested
class HandlerTracingTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String ATTEMPT = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE + "-" + ATTEMPT + "-01";

  private static Lease lease() {
    return new Lease(
        "l1",
        "inv-1",
        "agent",
        "greet",
        NullNode.getInstance(),
        1,
        3,
        "4bf92f35-77b3-4da6-a3ce-929d0e0e4736",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(TRACEPARENT));
  }

  @Test
  void aPlainRunSetsTheMdcAndTheCallersTraceUntilItCloses() {
    MDC.put("trace_id", "outer");
    LeaseContext context =
        new LeaseContext(
            new RunningLease(lease()),
            DispatchClient.builder().build(),
            new StreamingLogger(
                org.slf4j.LoggerFactory.getLogger("test"),
                "inv-1",
                e -> {},
                java.time.Clock.systemUTC()),
            e -> {});
    try (HandlerTracing.Run run = HandlerTracing.PLAIN.begin(lease())) {
      assertThat(MDC.get("trace_id")).isEqualTo("4bf92f35-77b3-4da6-a3ce-929d0e0e4736");
      assertThat(MDC.get("span_id")).isEqualTo(ATTEMPT);
      assertThat(MDC.get("invocation_id")).isEqualTo("inv-1");
      assertThat(CallerTrace.current()).contains(TRACEPARENT);
      assertThat(context.llm().headers()).containsEntry("traceparent", TRACEPARENT);
    }
    assertThat(MDC.get("trace_id")).isEqualTo("outer");
    assertThat(MDC.get("span_id")).isNull();
    assertThat(CallerTrace.current()).isEmpty();
    assertThat(context.llm().headers()).doesNotContainKey("traceparent");
    MDC.clear();
  }

  @Test
  void withoutAGlobalOpenTelemetryARunIsPlain() {
    try (HandlerTracing.Run run = HandlerTracing.of(Optional.empty()).begin(lease())) {
      assertThat(CallerTrace.current()).contains(TRACEPARENT);
    }
  }

  @Test
  void theClientSendsTheCurrentSpansContext() {
    SpanContext span =
        SpanContext.create(
            TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope scope = Span.wrap(span).makeCurrent()) {
      assertThat(CallerTrace.current()).contains("00-" + TRACE + "-b7ad6b7169203331-01");
      try (CallerTrace.Scope opened = CallerTrace.open(TRACEPARENT)) {
        assertThat(CallerTrace.current()).contains(TRACEPARENT);
      }
      assertThat(CallerTrace.current()).contains("00-" + TRACE + "-b7ad6b7169203331-01");
    }
    assertThat(CallerTrace.current()).isEmpty();
  }
}
