package dev.agentdispatch.server.tracing;

import static dev.agentdispatch.server.tracing.TracingEndToEndTest.CALLER_SPAN;
import static dev.agentdispatch.server.tracing.TracingEndToEndTest.CALLER_TRACE;
import static dev.agentdispatch.server.tracing.TracingEndToEndTest.TRACEPARENT;
import static dev.agentdispatch.server.tracing.TracingEndToEndTest.awaitSpan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.llm.standin.StandInProvider;
import dev.agentdispatch.sdk.llm.LangChain4jModels;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.tracing.OtlpReceiver.Received;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The Java SDK continues the server's trace: its span of a handler run is the child of the lease's
 * attempt span, the work the handler starts (a nested invoke, a model call through the gateway)
 * hangs under it, and the handler's log lines carry the ids.
 */
@SuppressWarnings("try") // the workers run while open
class TracingWorkerTest {
  private static final String NS = "/v1/namespaces/default";

  /** The handlers: one that invokes another, and one that asks a model. */
  public static final class Planner {
    /** In and out. */
    public record Text(String text) {}

    final List<String> mdc = new CopyOnWriteArrayList<>();

    @Fn
    public Text plan(Context ctx, Text in) {
      mdc.add(MDC.get("trace_id") + "/" + MDC.get("span_id") + "/" + MDC.get("invocation_id"));
      return new Text(
          ctx.invoke("planner", "step", new Text("step of " + in.text())).invocationId());
    }

    @Fn
    public Text step(Text in) {
      return in;
    }

    @Fn
    public Text ask(Context ctx, Text q) {
      return new Text(LangChain4jModels.openAi(ctx.llm(), "standin-small").chat(q.text()));
    }
  }

  @TempDir Path dir;

  @Test
  void theWorkersSpanJoinsTheTraceAndANestedInvokeHangsUnderIt() {
    Planner planner = new Planner();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TestServer server = traced(receiver);
        OpenTelemetrySdk otel = workerOtel(receiver);
        Worker worker = worker(server, planner, otel)) {
      String id = invoke(server, "plan", TRACEPARENT);
      var done = server.client().awaitTerminal(id, Duration.ofSeconds(20));
      String child = done.result().orElseThrow().path("text").asString();
      server.client().awaitTerminal(child, Duration.ofSeconds(20));
      otel.getSdkTracerProvider().forceFlush();

      Received attempt = awaitSpan(receiver, TraceIds.attemptSpanId(id, 1));
      Received run = named(receiver, "run planner.plan");
      assertThat(run.traceId()).isEqualTo(CALLER_TRACE);
      assertThat(run.parentSpanId()).isEqualTo(attempt.spanId());
      assertThat(run.service()).isEqualTo("worker");
      assertThat(run.attr("dispatch.invocation.id")).isEqualTo(id);
      // The handler's log lines name the work and the run's span.
      assertThat(planner.mdc).containsExactly(done.traceId() + "/" + run.spanId() + "/" + id);

      // The nested invoke carried the run's traceparent: its admission is the run's child.
      Received childInvocation = awaitSpan(receiver, TraceIds.invocationSpanId(child));
      Received childAdmission = receiver.span(childInvocation.parentSpanId()).orElseThrow();
      assertThat(childAdmission.name()).isEqualTo("admit invoke");
      assertThat(childAdmission.parentSpanId()).isEqualTo(run.spanId());
      assertThat(childInvocation.traceId()).isEqualTo(CALLER_TRACE);
      assertThat(childInvocation.attr("dispatch.parent_id")).isEqualTo(id);
      Received childRun = named(receiver, "run planner.step");
      assertThat(childRun.parentSpanId()).isEqualTo(TraceIds.attemptSpanId(child, 1));
      // The tree's root is the caller's span, outside: nothing else is a root of this trace.
      assertThat(receiver.trace(CALLER_TRACE))
          .filteredOn(s -> !receiver.span(s.parentSpanId()).isPresent())
          .extracting(Received::parentSpanId)
          .containsOnly(CALLER_SPAN);
    }
  }

  @Test
  void aModelCallFromAHandlerIsAGenAiClientSpanWhoseContextGoesUpstream() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        StandInProvider provider = StandInProvider.start();
        TestServer server = traced(receiver);
        OpenTelemetrySdk otel = workerOtel(receiver);
        Worker worker = worker(server, new Planner(), otel)) {
      var put =
          server.put(
              NS + "/llm/providers/standin",
              "{\"format\":\"openai\",\"base_url\":\"" + provider.baseUrl() + "\"}");
      assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
      String id = invoke(server, "ask", TRACEPARENT);
      server.client().awaitTerminal(id, Duration.ofSeconds(30));
      otel.getSdkTracerProvider().forceFlush();

      Received run = named(receiver, "run planner.ask");
      Received chat = named(receiver, "chat standin-small");
      assertThat(chat.kind()).isEqualTo("SPAN_KIND_CLIENT");
      assertThat(chat.traceId()).isEqualTo(CALLER_TRACE);
      assertThat(chat.parentSpanId()).isEqualTo(run.spanId());
      assertThat(chat.attr("gen_ai.operation.name")).isEqualTo("chat");
      assertThat(chat.attr("gen_ai.provider.name")).isEqualTo("openai");
      assertThat(chat.attr("gen_ai.request.model")).isEqualTo("standin-small");
      assertThat(chat.attr("gen_ai.response.model")).isNotEmpty();
      // The span's token counts are the ledger's.
      var call = server.get(NS + "/llm/calls?invocation_id=" + id).body().path("items").get(0);
      assertThat(call.path("output_tokens").asLong()).isPositive();
      assertThat(chat.attr("gen_ai.usage.output_tokens"))
          .isEqualTo(Long.toString(call.path("output_tokens").asLong()));
      assertThat(chat.attr("gen_ai.usage.input_tokens"))
          .isEqualTo(Long.toString(call.path("input_tokens").asLong()));
      assertThat(chat.attr("dispatch.invocation.id")).isEqualTo(id);
      // The provider is told of the gateway's span, not of the caller's.
      assertThat(provider.lastRequest().orElseThrow().header("traceparent"))
          .contains(TraceIds.traceparent(CALLER_TRACE, chat.spanId()));
    }
  }

  private TestServer traced(OtlpReceiver receiver) {
    return TestServer.traced(
        dir, ServerTracing.start(TracingSettings.fromEnvironment(receiver.env())));
  }

  private static String invoke(TestServer server, String function, String traceparent) {
    TestServer.Response created =
        server.send(
            "POST",
            NS + "/invocations",
            "{\"agent\":\"planner\",\"function\":\""
                + function
                + "\",\"payload\":{\"text\":\"x\"}}",
            null,
            Map.of("traceparent", traceparent));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
    return created.text("invocation_id");
  }

  /** The worker's own OpenTelemetry, exporting to the same receiver as another service. */
  private static OpenTelemetrySdk workerOtel(OtlpReceiver receiver) {
    Map<String, String> properties = new HashMap<>();
    receiver
        .env()
        .forEach((k, v) -> properties.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v));
    properties.put("otel.service.name", "worker");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> properties)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  private static Worker worker(TestServer server, Planner planner, OpenTelemetrySdk otel) {
    return Worker.builder()
        .client(server.client())
        .agent("planner")
        .register(planner)
        .openTelemetry(otel)
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }

  private static Received named(OtlpReceiver receiver, String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> receiver.spans().stream().anyMatch(s -> s.name().equals(name)));
    return receiver.spans().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
