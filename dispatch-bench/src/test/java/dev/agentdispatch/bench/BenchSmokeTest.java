package dev.agentdispatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CI smoke run: the harness with tiny counts must complete and report sane numbers. It asserts
 * no performance target — those are for the measured runs of docs/performance.md, not for a test.
 */
class BenchSmokeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void throughputAgainstAServerInItsOwnJvmCompletesWithSaneNumbers() throws Exception {
    JsonNode report = run(config(List.of("throughput"), Optional.empty(), Optional.empty()));

    assertThat(report.path("cores").asInt()).isPositive();
    JsonNode throughput = scenario(report, "throughput");
    assertThat(throughput.path("available").asBoolean()).isTrue();
    assertThat(median(throughput, "completed_count")).isEqualTo(300);
    assertThat(median(throughput, "throughput_per_s")).isPositive();
    assertThat(median(throughput, "dispatch_p50_ms"))
        .isPositive()
        .isLessThanOrEqualTo(median(throughput, "dispatch_p99_ms"));
    assertThat(median(throughput, "completion_p99_ms"))
        .isLessThanOrEqualTo(median(throughput, "completion_max_ms"));
    assertThat(median(throughput, "server_cpu_cores")).isPositive();
    assertThat(median(throughput, "server_heap_used_mib")).isPositive();
    assertThat(median(throughput, "db_size_mib")).isPositive();
  }

  @Test
  void latencyAndFanoutAgainstARunningServer(@TempDir Path dir) throws Exception {
    try (DispatchServer server =
        DispatchServer.start(
            ServerConfig.defaults().withPort(0).withDb("sqlite:" + dir.resolve("s.db")))) {
      URI url = URI.create("http://127.0.0.1:" + server.port());
      JsonNode report =
          run(
              config(
                  List.of("latency", "fanout"),
                  Optional.of(url),
                  Optional.of(ProcessHandle.current().pid())));

      JsonNode latency = scenario(report, "latency");
      assertThat(median(latency, "completed_count")).isEqualTo(100);
      assertThat(median(latency, "dispatch_p50_ms"))
          .isPositive()
          .isLessThanOrEqualTo(median(latency, "dispatch_max_ms"));
      JsonNode fanout = scenario(report, "fanout");
      if (!fanout.path("available").asBoolean()) {
        assertThat(fanout.path("notes").get(0).asString()).startsWith("not available: needs POST");
      }
    }
  }

  @Test
  void pushAgainstPullCompletesEveryInvocationOnBothSides(@TempDir Path dir) throws Exception {
    try (DispatchServer server =
        DispatchServer.start(
            ServerConfig.defaults().withPort(0).withDb("sqlite:" + dir.resolve("s.db")))) {
      URI url = URI.create("http://127.0.0.1:" + server.port());
      JsonNode push =
          scenario(
              run(
                  config(
                      List.of("push"),
                      Optional.of(url),
                      Optional.of(ProcessHandle.current().pid()))),
              "push");

      assertThat(push.path("available").asBoolean()).isTrue();
      assertThat(push.path("notes")).as(push.toString()).isEmpty();
      // Closed loop: 300 each, pull by the harness's workers, push by its gRPC agent.
      assertThat(median(push, "pull_completed_count")).isEqualTo(300);
      assertThat(median(push, "push_completed_count")).isEqualTo(300);
      // Open loop: 100/s for 1 s each.
      assertThat(median(push, "pull_latency_completed_count")).isEqualTo(100);
      assertThat(median(push, "push_latency_completed_count")).isEqualTo(100);
      assertThat(median(push, "push_throughput_per_s")).isPositive();
      assertThat(median(push, "push_pull_throughput_x")).isPositive();
      assertThat(median(push, "push_dispatch_p50_ms"))
          .isPositive()
          .isLessThanOrEqualTo(median(push, "push_dispatch_max_ms"));
      assertThat(push.path("targets")).hasSize(2);
      // The agent joined through the dispatch-agents door, as a push agent.
      assertThat(server.pushAgents()).isEqualTo(1);
    }
  }

  @Test
  void llmGatewayAgainstTheStandInDirectlyRecordsEveryProxiedCall(@TempDir Path dir)
      throws Exception {
    try (DispatchServer server =
        DispatchServer.start(
            ServerConfig.defaults().withPort(0).withDb("sqlite:" + dir.resolve("s.db")))) {
      URI url = URI.create("http://127.0.0.1:" + server.port());
      JsonNode llm =
          scenario(
              run(
                  config(
                      List.of("llm"),
                      Optional.of(url),
                      Optional.of(ProcessHandle.current().pid()))),
              "llm");

      assertThat(llm.path("available").asBoolean()).isTrue();
      assertThat(llm.path("notes")).as(llm.toString()).isEmpty();
      assertThat(median(llm, "direct_p50_ms"))
          .isPositive()
          .isLessThanOrEqualTo(median(llm, "direct_p99_ms"));
      assertThat(median(llm, "gateway_p50_ms"))
          .isPositive()
          .isLessThanOrEqualTo(median(llm, "gateway_max_ms"));
      assertThat(median(llm, "gateway_ttft_p50_ms")).isPositive();
      assertThat(median(llm, "direct_calls_per_s")).isPositive();
      assertThat(median(llm, "gateway_calls_per_s")).isPositive();
      // 40 plain + 40 streaming sequential calls, then the closed loop's (up to 300, 1 s).
      assertThat(median(llm, "gateway_sent_count")).isGreaterThan(80);
      assertThat(median(llm, "ledger_missing_count")).isZero();
      assertThat(median(llm, "ledger_recorded_count")).isEqualTo(median(llm, "gateway_sent_count"));
      assertThat(llm.path("targets")).hasSize(4);
    }
  }

  @Test
  void limitsCompareCappedAndUnlimitedAndProbeClaimsBesideABlockedKey(@TempDir Path dir)
      throws Exception {
    try (DispatchServer server =
        DispatchServer.start(
            ServerConfig.defaults().withPort(0).withDb("sqlite:" + dir.resolve("s.db")))) {
      URI url = URI.create("http://127.0.0.1:" + server.port());
      JsonNode limits =
          scenario(
              run(
                  config(
                      List.of("limits"),
                      Optional.of(url),
                      Optional.of(ProcessHandle.current().pid()))),
              "limits");

      assertThat(limits.path("available").asBoolean()).isTrue();
      assertThat(limits.path("notes")).as(limits.toString()).isEmpty();
      // 300 each side, over 50 keys; the capped side never ran more than its cap of 8.
      assertThat(median(limits, "unlimited_completed_count")).isEqualTo(300);
      assertThat(median(limits, "limited_completed_count")).isEqualTo(300);
      assertThat(median(limits, "limited_running_max_count")).isLessThanOrEqualTo(8);
      assertThat(median(limits, "limited_unlimited_x")).isPositive();
      // 500 of one key: one holds the slot, the rest wait outside the claim index throughout.
      assertThat(median(limits, "key_blocked_count")).isEqualTo(499);
      assertThat(median(limits, "blocked_agent_running_count")).isEqualTo(1);
      assertThat(median(limits, "claim_blocked_p50_ms"))
          .isPositive()
          .isLessThanOrEqualTo(median(limits, "claim_blocked_p99_ms"));
      assertThat(median(limits, "claim_empty_p50_ms")).isPositive();
      assertThat(median(limits, "claim_prefill_p50_ms")).isPositive();
      assertThat(limits.path("targets")).hasSize(2);
    }
  }

  @Test
  void observabilityComparesMetricsOffOnAndTracedAndTheTracedServerExports() throws Exception {
    JsonNode observability =
        scenario(
            run(config(List.of("observability"), Optional.empty(), Optional.empty())),
            "observability");

    assertThat(observability.path("available").asBoolean()).as(observability.toString()).isTrue();
    assertThat(observability.path("notes")).as(observability.toString()).isEmpty();
    for (String side : List.of("off", "metrics", "traced")) {
      assertThat(median(observability, side + "_completed_count")).isEqualTo(300);
    }
    assertThat(median(observability, "metrics_off_x")).isPositive();
    assertThat(median(observability, "traced_off_x")).isPositive();
    // The traced server sent its spans to the harness's OTLP sink; the others sent nothing.
    assertThat(median(observability, "otlp_exports_count")).isPositive();
    assertThat(observability.path("targets")).hasSize(2);
  }

  @Test
  void sdkDrainsTheSameLoadAsTheRawWorkers() throws Exception {
    JsonNode sdk = scenario(run(config(List.of("sdk"), Optional.empty(), Optional.empty())), "sdk");

    assertThat(sdk.path("available").asBoolean()).as(sdk.toString()).isTrue();
    assertThat(sdk.path("notes")).as(sdk.toString()).isEmpty();
    assertThat(median(sdk, "raw_completed_count")).isEqualTo(300);
    assertThat(median(sdk, "sdk_completed_count")).isEqualTo(300);
    assertThat(median(sdk, "sdk_raw_x")).isPositive();
    assertThat(median(sdk, "sdk_dispatch_p50_ms"))
        .isPositive()
        .isLessThanOrEqualTo(median(sdk, "sdk_dispatch_p99_ms"));
    assertThat(sdk.path("targets")).hasSize(1);
  }

  private static BenchConfig config(List<String> scenarios, Optional<URI> url, Optional<Long> pid) {
    return new BenchConfig(
        scenarios,
        Optional.empty(),
        url,
        pid,
        300,
        100,
        Duration.ofSeconds(1),
        4,
        64,
        50,
        50,
        10,
        2,
        1,
        false,
        Duration.ofSeconds(30),
        1000,
        10,
        40,
        true,
        50,
        8,
        500,
        "postgresql://postgres@127.0.0.1:5432/unused",
        "256m",
        Optional.empty(),
        true,
        false);
  }

  private static JsonNode run(BenchConfig config) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        BenchRunner.run(config, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(json).isZero();
    return JSON.readTree(json);
  }

  private static JsonNode scenario(JsonNode report, String name) {
    for (JsonNode s : report.path("scenarios")) {
      if (s.path("scenario").asString().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no scenario " + name + " in " + report);
  }

  private static double median(JsonNode scenario, String metric) {
    for (JsonNode m : scenario.path("summary")) {
      if (m.path("name").asString().equals(metric)) {
        return m.path("median").asDouble();
      }
    }
    throw new AssertionError("no metric " + metric + " in " + scenario);
  }
}
