package dev.agentdispatch.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /metrics} on a real server over a real SQLite file: work counted by agent and function
 * from the store's record, the work load read from the store, HTTP, SQLite and JVM meters, and no
 * ids in any label.
 */
class MetricsTest {
  private static final String NS = "/v1/namespaces/default";
  private static final String WORK = "agent=\"meter\",function=\"work\"";
  @TempDir Path dir;

  @Test
  void countsWhatHappensToWorkWithBoundedLabels() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.put(
          NS + "/agents/meter",
          """
          {"functions":[{"name":"work"},
            {"name":"heard","triggers":[{"type":"topic","topic":"meter.ping"}]}]}\
          """);
      String first = invoke(server);
      String second = invoke(server);
      complete(server, lease(server), "{\"status\":\"completed\",\"result\":{}}");
      complete(
          server,
          lease(server),
          "{\"status\":\"error\",\"retryable\":false,\"error\":{\"error\":\"no\",\"error_type\":\"Boom\"}}");
      JsonNode published =
          server.post(NS + "/events", "{\"topic\":\"meter.ping\",\"payload\":{}}").body();
      for (int i = 0; i < 3; i++) {
        invoke(server);
      }
      server.put(NS + "/llm/pricing/m", "{\"input_per_mtok\":1,\"output_per_mtok\":2}");
      assertThat(
              server
                  .post(
                      NS + "/llm/calls",
                      "{\"model\":\"m\",\"provider\":\"p\",\"agent\":\"meter\","
                          + "\"input_tokens\":1000000,\"output_tokens\":500000}")
                  .status())
          .isEqualTo(201);

      Scrape s = Scrape.of(server.url());
      assertThat(s.status()).isEqualTo(200);
      assertThat(s.contentType()).startsWith("text/plain");
      assertThat(s.require("dispatch_invocations_accepted_total", WORK)).isEqualTo(5.0);
      assertThat(s.require("dispatch_invocations_accepted_total", "function=\"heard\""))
          .isEqualTo(1.0);
      assertThat(s.require("dispatch_invocations_started_total", WORK)).isEqualTo(2.0);
      assertThat(s.require("dispatch_invocations_finished_total", WORK, "status=\"completed\""))
          .isEqualTo(1.0);
      assertThat(s.require("dispatch_invocations_finished_total", WORK, "status=\"error\""))
          .isEqualTo(1.0);
      assertThat(s.require("dispatch_invocations_dead_lettered_total", WORK)).isEqualTo(1.0);
      assertThat(
              s.require(
                  "dispatch_attempts_ended_total", "agent=\"meter\"", "outcome=\"completed\""))
          .isEqualTo(1.0);
      assertThat(s.require("dispatch_dispatch_latency_seconds_count", "agent=\"meter\""))
          .isEqualTo(2.0);
      assertThat(
              s.require(
                  "dispatch_completion_latency_seconds_count",
                  "agent=\"meter\"",
                  "status=\"error\""))
          .isEqualTo(1.0);
      assertThat(s.require("dispatch_events_published_total", "topic=\"meter.ping\""))
          .isEqualTo(1.0);
      assertThat(s.require("dispatch_events_fanout_sum", "topic=\"meter.ping\"")).isEqualTo(1.0);
      // Three invoked, one fanned out: four pending, none running.
      assertThat(s.require("dispatch_queue_depth", "agent=\"meter\"", "lane=\"\"")).isEqualTo(4.0);
      assertThat(s.require("dispatch_running", "agent=\"meter\"")).isEqualTo(0.0);
      assertThat(s.require("dispatch_queue_oldest_age_seconds", "agent=\"meter\""))
          .isGreaterThanOrEqualTo(0.0);
      assertThat(
              s.require(
                  "http_server_requests_seconds_count",
                  "method=\"POST\"",
                  "route=\"/v1/namespaces/{ns}/invocations\"",
                  "status=\"202\""))
          .isEqualTo(5.0);
      String call = "model=\"m\"";
      assertThat(s.require("dispatch_llm_calls_total", call, "agent=\"meter\"", "status=\"ok\""))
          .isEqualTo(1.0);
      assertThat(s.require("dispatch_llm_tokens_total", call, "kind=\"input\"")).isEqualTo(1e6);
      assertThat(s.require("dispatch_llm_tokens_total", call, "kind=\"output\"")).isEqualTo(5e5);
      // $1 of input and $1 of output at the namespace's price.
      assertThat(s.require("dispatch_llm_cost_usd_total", call)).isEqualTo(2.0);
      assertThat(s.require("dispatch_sqlite_commit_batch_size_count")).isPositive();
      assertThat(s.require("dispatch_sqlite_commit_seconds_count")).isPositive();
      assertThat(s.require("dispatch_loop_leader", "loop=\"lease-sweeper\"")).isEqualTo(1.0);
      assertThat(s.mentions("jvm_memory_used_bytes")).isTrue();
      assertThat(s.mentions("jvm_threads_live_threads")).isTrue();
      // Labels name things, never instances of them.
      for (String id :
          new String[] {
            first,
            second,
            published.path("event_uid").asString(),
            published.path("trace_id").asString()
          }) {
        assertThat(s.mentions(id)).as("an id in a label: %s", id).isFalse();
      }
    }
  }

  @Test
  void theWorkLoadFollowsTheStoreAndARunningInvocationIsCountedWhereItRuns() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.put(NS + "/agents/meter", "{\"functions\":[{\"name\":\"work\"}]}");
      invoke(server);
      invoke(server);
      lease(server);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> {
            Scrape s = Scrape.of(server.url());
            assertThat(s.require("dispatch_running", "agent=\"meter\"")).isEqualTo(1.0);
            assertThat(s.require("dispatch_queue_depth", "agent=\"meter\"")).isEqualTo(1.0);
          });
    }
  }

  @Test
  void turnedOffThereAreNoMetricsAndTheRouteSaysSo() throws Exception {
    try (TestServer server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("off.db"))
                .withMetrics(false))) {
      server.put(NS + "/agents/meter", "{\"functions\":[{\"name\":\"work\"}]}");
      invoke(server);
      Scrape s = Scrape.of(server.url());
      assertThat(s.status()).isEqualTo(404);
      assertThat(s.text()).contains("--no-metrics");
    }
  }

  @Test
  void withAuthOnlyAnAdminKeyForEveryNamespaceReadsThem() throws Exception {
    try (TestServer server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("auth.db"))
                .withRequireAuth(true))) {
      assertThat(Scrape.of(server.url()).status()).isEqualTo(401);
      assertThat(Scrape.of(server.url(), Optional.of(key(server, Role.ADMIN, "default"))).status())
          .isEqualTo(403);
      assertThat(
              Scrape.of(server.url(), Optional.of(key(server, Role.READ, ApiKey.ALL_NAMESPACES)))
                  .status())
          .isEqualTo(403);
      Scrape admin =
          Scrape.of(server.url(), Optional.of(key(server, Role.ADMIN, ApiKey.ALL_NAMESPACES)));
      assertThat(admin.status()).isEqualTo(200);
      assertThat(admin.mentions("jvm_memory_used_bytes")).isTrue();
    }
  }

  private static String key(TestServer server, Role role, String namespace) {
    return server.newKey(role, namespace);
  }

  private static String invoke(TestServer server) {
    var r =
        server.post(
            NS + "/invocations", "{\"agent\":\"meter\",\"function\":\"work\",\"payload\":{}}");
    assertThat(r.status()).isEqualTo(202);
    return r.text("invocation_id");
  }

  private static String lease(TestServer server) {
    JsonNode leases =
        server
            .post(
                NS + "/workers/lease",
                "{\"worker_id\":\"w\",\"agent\":\"meter\",\"max\":1,\"wait_ms\":2000}")
            .body()
            .path("leases");
    assertThat(leases).hasSize(1);
    return leases.get(0).path("lease_id").asString();
  }

  private static void complete(TestServer server, String leaseId, String outcome) {
    String result = "{\"lease_id\":\"" + leaseId + "\"," + outcome.substring(1);
    assertThat(
            server
                .post(
                    NS + "/workers/complete", "{\"worker_id\":\"w\",\"results\":[" + result + "]}")
                .status())
        .isEqualTo(200);
  }
}
