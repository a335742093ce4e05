package dev.agentdispatch.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.tracing.OtlpReceiver;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.server.tracing.TraceIds;
import dev.agentdispatch.server.tracing.TracingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push to an HTTP agent is a CLIENT span under the attempt's span, and the agent is told of it:
 * the {@code traceparent} header names the push span, the lease's {@code traceparent} the attempt.
 */
class TracingPushTest {
  private static final String V1 = "/v1/namespaces/default";
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @TempDir Path dir;

  @Test
  void aPushIsAClientSpanUnderTheAttemptAndTheAgentGetsItsContext() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TestServer server =
            TestServer.traced(
                dir, ServerTracing.start(TracingSettings.fromEnvironment(receiver.env())));
        HttpAgent agent =
            HttpAgent.start(r -> HttpAgent.Answer.ok("{\"status\":\"completed\",\"result\":1}"))) {
      TestServer.Response registered =
          server.put(
              V1 + "/agents/web",
              "{\"functions\":[{\"name\":\"add\"}],\"delivery\":{\"mode\":\"http\",\"url\":\"%s\"}}"
                  .formatted(agent.url()));
      assertThat(registered.status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.server().pushAgents() == 1);
      TestServer.Response created =
          server.send(
              "POST",
              V1 + "/invocations",
              "{\"agent\":\"web\",\"function\":\"add\",\"payload\":{}}",
              null,
              Map.of("traceparent", "00-" + TRACE + "-b7ad6b7169203331-01"));
      String id = created.text("invocation_id");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.get(V1 + "/invocations/" + id).text("status").equals("completed"));

      String attempt = TraceIds.attemptSpanId(id, 1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> receiver.spans().stream().anyMatch(s -> s.name().equals("push web.add")));
      OtlpReceiver.Received push =
          receiver.spans().stream().filter(s -> s.name().equals("push web.add")).findFirst().get();
      assertThat(push.kind()).isEqualTo("SPAN_KIND_CLIENT");
      assertThat(push.traceId()).isEqualTo(TRACE);
      assertThat(push.parentSpanId()).isEqualTo(attempt);
      assertThat(push.attr("dispatch.delivery")).isEqualTo("http");
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.span(attempt).isPresent());

      HttpAgent.Received sent = agent.received.poll(5, TimeUnit.SECONDS);
      assertThat(sent.headers().getFirst("traceparent"))
          .isEqualTo(TraceIds.traceparent(TRACE, push.spanId()));
      assertThat(sent.body().path("traceparent").asString())
          .isEqualTo(TraceIds.traceparent(TRACE, attempt));
    }
  }
}
