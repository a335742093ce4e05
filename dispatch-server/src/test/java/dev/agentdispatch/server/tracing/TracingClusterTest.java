package dev.agentdispatch.server.tracing;

import static dev.agentdispatch.server.tracing.TracingEndToEndTest.CALLER_SPAN;
import static dev.agentdispatch.server.tracing.TracingEndToEndTest.CALLER_TRACE;
import static dev.agentdispatch.server.tracing.TracingEndToEndTest.TRACEPARENT;
import static dev.agentdispatch.server.tracing.TracingEndToEndTest.awaitSpan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.server.tracing.OtlpReceiver.Received;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database: an invocation admitted on node A and leased and completed
 * on node B is still one trace, whose spans node B draws from stored fields alone.
 */
@SuppressWarnings("try") // the worker runs while open
class TracingClusterTest {
  private String dbUrl;

  @BeforeEach
  void database() {
    dbUrl = PgTestDatabase.freshSchemaUrl();
  }

  @AfterEach
  void drop() {
    if (dbUrl != null) {
      PgTestDatabase.dropSchema(dbUrl);
    }
  }

  @Test
  void workAdmittedOnOneNodeAndRunOnAnotherIsOneConsistentTrace() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        DispatchServer a = node(receiver, "node-a");
        DispatchServer b = node(receiver, "node-b");
        Worker worker =
            Worker.builder()
                .client(DispatchClient.builder().baseUrl(url(b)).build())
                .agent(TestAgent.NAME)
                .register(new TestAgent())
                .pollWait(Duration.ofSeconds(1))
                .gracePeriod(Duration.ofSeconds(1))
                .build()
                .start()) {
      HttpResponse<String> created =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url(a) + "/v1/namespaces/default/invocations"))
                      .header("traceparent", TRACEPARENT)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"agent\":\"tester\",\"function\":\"echo\","
                                  + "\"payload\":{\"text\":\"c\"}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      String id =
          dev.agentdispatch.server.TestServer.JSON
              .readTree(created.body())
              .path("invocation_id")
              .asString();
      DispatchClient.builder().baseUrl(url(a)).build().awaitTerminal(id, Duration.ofSeconds(30));

      Received invocation = awaitSpan(receiver, TraceIds.invocationSpanId(id));
      Received attempt = awaitSpan(receiver, TraceIds.attemptSpanId(id, 1));
      Received admission = receiver.span(invocation.parentSpanId()).orElseThrow();
      assertThat(admission.service()).isEqualTo("node-a");
      assertThat(admission.parentSpanId()).isEqualTo(CALLER_SPAN);
      // Node B ended the work and drew its spans from what node A stored.
      assertThat(invocation.service()).isEqualTo("node-b");
      assertThat(attempt.service()).isEqualTo("node-b");
      assertThat(attempt.parentSpanId()).isEqualTo(invocation.spanId());
      assertThat(receiver.trace(CALLER_TRACE)).contains(admission, invocation, attempt);
    }
  }

  private DispatchServer node(OtlpReceiver receiver, String name) {
    Map<String, String> env = new HashMap<>(receiver.env());
    env.put("OTEL_SERVICE_NAME", name);
    return DispatchServer.start(
        ServerConfig.defaults().withPort(0).withDb(dbUrl),
        Clock.systemUTC(),
        ServerTracing.start(TracingSettings.fromEnvironment(env)));
  }

  private static String url(DispatchServer server) {
    return "http://127.0.0.1:" + server.port();
  }
}
