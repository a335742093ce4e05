package dev.agentdispatch.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.tracing.OtlpReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server exporting to an in-process OTLP receiver: a request's {@code traceparent} becomes
 * the invocation's trace, and the admission, invocation, attempt and queue spans arrive in it,
 * parented as the docs say.
 */
@SuppressWarnings("try") // the workers run while open
class TracingEndToEndTest {
  private static final String NS = "/v1/namespaces/default";
  static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CALLER_SPAN = "00f067aa0ba902b7";
  static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";

  @TempDir Path dir;

  @Test
  void aTraceparentBecomesTheInvocationsTraceAndItsSpansHangUnderTheCaller() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TestServer server = traced(receiver);
        Worker worker = worker(server)) {
      TestServer.Response created =
          server.send(
              "POST",
              NS + "/invocations",
              "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"a\"}}",
              null,
              Map.of("traceparent", TRACEPARENT));
      assertThat(created.status()).isEqualTo(202);
      String id = created.text("invocation_id");
      // One id finds the work in both places: the Dispatch trace id is the OTel one with dashes.
      assertThat(created.text("trace_id")).isEqualTo("4bf92f35-77b3-4da6-a3ce-929d0e0e4736");
      server.client().awaitTerminal(id, Duration.ofSeconds(20));
      // ... and the OTel trace id finds the Dispatch trace.
      TestServer.Response trace = server.get(NS + "/traces/" + CALLER_TRACE);
      assertThat(trace.status()).isEqualTo(200);
      assertThat(trace.text("trace_id")).isEqualTo(created.text("trace_id"));
      assertThat(trace.body().path("roots").get(0).path("id").asString()).isEqualTo(id);

      Received invocation = awaitSpan(receiver, TraceIds.invocationSpanId(id));
      Received admission = only(receiver, "admit invoke");
      assertThat(admission.traceId()).isEqualTo(CALLER_TRACE);
      assertThat(admission.kind()).isEqualTo("SPAN_KIND_SERVER");
      assertThat(admission.parentSpanId()).isEqualTo(CALLER_SPAN);
      assertThat(admission.attr("dispatch.invocation.id")).isEqualTo(id);
      assertThat(admission.service()).isEqualTo(TracingSettings.DEFAULT_SERVICE_NAME);

      assertThat(invocation.traceId()).isEqualTo(CALLER_TRACE);
      assertThat(invocation.parentSpanId()).isEqualTo(admission.spanId());
      assertThat(invocation.name()).isEqualTo("invoke tester.echo");
      assertThat(invocation.attr("dispatch.status")).isEqualTo("completed");
      assertThat(invocation.statusCode()).isEqualTo("STATUS_CODE_UNSET");
      // The stored parent is the admission span: any node can emit the same tree.
      assertThat(server.server().store().invocations().find("default", id).orElseThrow())
          .extracting(i -> i.spec().parentSpanId().orElseThrow())
          .isEqualTo(admission.spanId());

      Received attempt = awaitSpan(receiver, TraceIds.attemptSpanId(id, 1));
      assertThat(attempt.parentSpanId()).isEqualTo(invocation.spanId());
      assertThat(attempt.attr("dispatch.attempt.outcome")).isEqualTo("completed");
      assertThat(attempt.events()).contains("leased");
      assertThat(attempt.startNanos()).isGreaterThanOrEqualTo(invocation.startNanos());
      assertThat(attempt.endNanos()).isLessThanOrEqualTo(invocation.endNanos());
      // The attempt opens when it could be leased; its wait in the queue is measured.
      assertThat(Long.parseLong(attempt.attr("dispatch.queue_wait_ms"))).isNotNegative();
      assertThat(attempt.attr("dispatch.worker.id")).isNotEmpty();
    }
  }

  @Test
  void aWorkerWithoutOpenTelemetryStillPassesTheAttemptsContextToWhatItInvokes() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TestServer server = traced(receiver);
        Worker worker = worker(server)) {
      TestServer.Response created =
          server.send(
              "POST",
              NS + "/invocations",
              "{\"agent\":\"tester\",\"function\":\"parent\",\"payload\":{\"text\":\"p\"}}",
              null,
              Map.of("traceparent", TRACEPARENT));
      String id = created.text("invocation_id");
      var done = server.client().awaitTerminal(id, Duration.ofSeconds(20));
      String child = done.result().orElseThrow().path("text").asString();
      // The nested invoke carried the lease's traceparent: its admission hangs under the attempt.
      Received childInvocation = awaitSpan(receiver, TraceIds.invocationSpanId(child));
      Received childAdmission = awaitSpan(receiver, childInvocation.parentSpanId());
      assertThat(childAdmission.name()).isEqualTo("admit invoke");
      assertThat(childAdmission.parentSpanId()).isEqualTo(TraceIds.attemptSpanId(id, 1));
      assertThat(childAdmission.traceId()).isEqualTo(CALLER_TRACE);
    }
  }

  @Test
  void aRetriedInvocationHasTwoAttemptSpansTheFirstFailed() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TestServer server = traced(receiver);
        Worker worker = worker(server)) {
      TestServer.Response created =
          server.post(
              NS + "/invocations",
              "{\"agent\":\"tester\",\"function\":\"flaky\",\"payload\":{\"text\":\"r\"},"
                  + "\"retry\":{\"initial_backoff_ms\":10,\"jitter\":\"none\"}}");
      String id = created.text("invocation_id");
      server.client().awaitTerminal(id, Duration.ofSeconds(20));

      Received invocation = awaitSpan(receiver, TraceIds.invocationSpanId(id));
      // No traceparent: the Dispatch trace id still is the OTel trace id, and the admission is
      // the root.
      assertThat(invocation.traceId()).isEqualTo(created.text("trace_id").replace("-", ""));
      Received admission = only(receiver, "admit invoke");
      assertThat(admission.parentSpanId()).isEmpty();
      assertThat(invocation.parentSpanId()).isEqualTo(admission.spanId());
      assertThat(invocation.attr("dispatch.attempts")).isEqualTo("2");

      Received first = awaitSpan(receiver, TraceIds.attemptSpanId(id, 1));
      Received second = awaitSpan(receiver, TraceIds.attemptSpanId(id, 2));
      assertThat(List.of(first.parentSpanId(), second.parentSpanId()))
          .containsOnly(invocation.spanId());
      assertThat(first.statusCode()).isEqualTo("STATUS_CODE_ERROR");
      assertThat(first.attr("error.type")).isEqualTo("IOException");
      assertThat(first.attr("dispatch.attempt.outcome")).isEqualTo("error");
      assertThat(second.statusCode()).isEqualTo("STATUS_CODE_UNSET");
      assertThat(second.startNanos()).isGreaterThanOrEqualTo(first.endNanos());
    }
  }

  @Test
  void aSessionInputsRunAndAScheduledInvocationHangUnderTheSpansThatMadeThem() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TestServer server = traced(receiver)) {
      assertThat(server.put(NS + "/agents/ticker", "{\"functions\":[{\"name\":\"tick\"}]}"))
          .extracting(TestServer.Response::status)
          .isEqualTo(200);
      assertThat(server.post(NS + "/sessions", "{\"agent\":\"ticker\",\"session_id\":\"s1\"}"))
          .extracting(TestServer.Response::status)
          .isEqualTo(201);
      TestServer.Response input =
          server.send(
              "POST",
              NS + "/sessions/s1/inputs",
              "{\"input\":{\"n\":1},\"strategy\":\"enqueue\"}",
              null,
              Map.of("traceparent", TRACEPARENT));
      assertThat(input.status()).as(input.body().toString()).isBetween(200, 202);
      Received admission = only(receiver, "admit session input");
      assertThat(admission.parentSpanId()).isEqualTo(CALLER_SPAN);
      var run =
          server
              .server()
              .store()
              .invocations()
              .list(dev.agentdispatch.store.invocation.InvocationQuery.all("default"))
              .items()
              .getFirst();
      assertThat(run.spec().sessionId()).contains("s1");
      assertThat(TraceIds.otelTraceId(run.spec().traceId())).isEqualTo(CALLER_TRACE);
      assertThat(run.spec().parentSpanId()).contains(admission.spanId());

      TestServer.Response schedule =
          server.post(
              NS + "/schedules",
              "{\"agent\":\"ticker\",\"function\":\"tick\",\"cron\":\"* * * * * *\"}");
      assertThat(schedule.status()).as(schedule.body().toString()).isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> receiver.spans().stream().anyMatch(s -> s.name().startsWith("schedule fire")));
      Received fire =
          receiver.spans().stream()
              .filter(s -> s.name().startsWith("schedule fire"))
              .findFirst()
              .orElseThrow();
      assertThat(fire.parentSpanId()).isEmpty();
      var fired =
          server
              .server()
              .store()
              .invocations()
              .find("default", fire.attr("dispatch.invocation.id"));
      assertThat(fired).isPresent();
      assertThat(TraceIds.otelTraceId(fired.get().spec().traceId())).isEqualTo(fire.traceId());
      assertThat(fired.get().spec().parentSpanId()).contains(fire.spanId());
    }
  }

  @Test
  void withoutOtelVariablesNothingIsExported() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      // An OTLP protocol alone asks for no exporter; the endpoint is the receiver's, so a span
      // sent by mistake would arrive there.
      ServerTracing tracing =
          ServerTracing.start(
              TracingSettings.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")));
      assertThat(tracing.enabled()).isFalse();
      try (TestServer server = TestServer.traced(dir, tracing);
          Worker worker = worker(server)) {
        TestServer.Response created =
            server.send(
                "POST",
                NS + "/invocations",
                "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"off\"}}",
                null,
                Map.of("traceparent", TRACEPARENT));
        String id = created.text("invocation_id");
        server.client().awaitTerminal(id, Duration.ofSeconds(20));
        // Off, the traceparent still names the trace and the parent, for nodes that do trace.
        assertThat(created.text("trace_id").replace("-", "")).isEqualTo(CALLER_TRACE);
        assertThat(server.server().store().invocations().find("default", id).orElseThrow())
            .extracting(i -> i.spec().parentSpanId().orElseThrow())
            .isEqualTo(CALLER_SPAN);
      }
      assertThat(receiver.requests()).isZero();
    }
  }

  private TestServer traced(OtlpReceiver receiver) {
    ServerTracing tracing = ServerTracing.start(TracingSettings.fromEnvironment(receiver.env()));
    assertThat(tracing.enabled()).isTrue();
    return TestServer.traced(dir, tracing);
  }

  static Worker worker(TestServer server) {
    return Worker.builder()
        .client(server.client())
        .agent(TestAgent.NAME)
        .register(new TestAgent())
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }

  static Received awaitSpan(OtlpReceiver receiver, String spanId) {
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.span(spanId).isPresent());
    return receiver.span(spanId).orElseThrow();
  }

  static Received only(OtlpReceiver receiver, String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> receiver.spans().stream().anyMatch(s -> s.name().equals(name)));
    List<Received> named = receiver.spans().stream().filter(s -> s.name().equals(name)).toList();
    assertThat(named).hasSize(1);
    return named.getFirst();
  }
}
