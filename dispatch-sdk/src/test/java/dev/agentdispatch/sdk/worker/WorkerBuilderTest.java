package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.DegradeMode;
import dev.agentdispatch.sdk.model.LaneSpec;
import dev.agentdispatch.sdk.model.RateLimit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorkerBuilderTest {
  record In(String name) {}

  record Out(String message) {}

  public static class Agent {
    @Fn(description = "echo")
    public Out echo(In in) {
      return new Out(in.name());
    }
  }

  public static class Limited {
    @Fn(maxConcurrency = 2, keyConcurrency = 1)
    public Out answer(In in) {
      return new Out(in.name());
    }

    @Fn
    public Out free(In in) {
      return new Out(in.name());
    }
  }

  public static class NegativeCaps {
    @Fn(maxConcurrency = -1)
    public Out capped(In in) {
      return new Out(in.name());
    }

    @Fn(keyConcurrency = -3)
    public Out keyed(In in) {
      return new Out(in.name());
    }
  }

  private final DispatchClient client =
      DispatchClient.builder().baseUrl("http://127.0.0.1:9").build();

  @Test
  void requiredSettingsAreNamedWhenMissing() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Worker.builder().agent("a").register(new Agent()).build())
        .withMessageContaining("client is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Worker.builder().client(client).register(new Agent()).build())
        .withMessageContaining("agent is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Worker.builder().client(client).agent("a").build())
        .withMessageContaining("no handlers");
  }

  @Test
  void outOfRangeSettingsAreRefusedWithTheValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().concurrency(0).build())
        .withMessage("concurrency must be in 1..1000, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().leaseSeconds(2).build())
        .withMessage("leaseSeconds must be in 3..3600, got 2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().pollWait(Duration.ofSeconds(61)).build())
        .withMessageContaining("pollWait (ms) must be in 0..60000, got 61000");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().agent("bad agent").build())
        .withMessageContaining("'bad agent'");
  }

  @Test
  void defaultsAreTheNamedConstants() {
    Worker worker = base().build();
    WorkerConfig config = worker.config();

    assertThat(config.concurrency()).isEqualTo(Worker.DEFAULT_CONCURRENCY);
    assertThat(config.leaseSeconds()).isEqualTo(Worker.DEFAULT_LEASE_SECONDS);
    assertThat(config.pollWait()).isEqualTo(Worker.DEFAULT_POLL_WAIT);
    assertThat(config.gracePeriod()).isEqualTo(Worker.DEFAULT_GRACE_PERIOD);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.workerId()).startsWith("echoer@");
    assertThat(worker.functions())
        .singleElement()
        .satisfies(f -> assertThat(f.name()).isEqualTo("echo"));
    assertThat(worker.isRunning()).isFalse();
  }

  @Test
  void startsAndStopsPromptlyWhileTheServerIsUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    DispatchClient offline =
        DispatchClient.builder().baseUrl("http://127.0.0.1:" + closedPort).build();
    Worker worker = Worker.builder().client(offline).agent("echoer").register(new Agent()).build();

    worker.start();
    assertThat(worker.isRunning()).isTrue();
    assertThat(worker.usesVirtualThreads()).isEqualTo(Runtime.version().feature() >= 21);
    assertThatIllegalStateException()
        .isThrownBy(worker::start)
        .withMessageContaining("already started");

    Instant before = Instant.now();
    worker.stop(Duration.ofSeconds(5));
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(worker.isRunning()).isFalse();
    worker.stop(); // a second stop does nothing
  }

  @Test
  void limitsFromFnAndTheBuilderAreSentAtRegistration() {
    Worker worker =
        Worker.builder()
            .client(client)
            .agent("support")
            .register(new Limited())
            .maxConcurrency(5)
            .rateLimit(RateLimit.of(600, Duration.ofMinutes(1)).throttle())
            .rateLimit("answer", RateLimit.of(10, Duration.ofMinutes(1)).perKey())
            .build();

    JsonNode json = Json.wire().valueToTree(worker.registration());

    assertThat(json.path("max_concurrency").asInt()).isEqualTo(5);
    assertThat(json.path("rate_limit").path("mode").asString()).isEqualTo("throttle");
    JsonNode answer = json.path("functions").path(0);
    assertThat(answer.path("name").asString()).isEqualTo("answer");
    assertThat(answer.path("max_concurrency").asInt()).isEqualTo(2);
    assertThat(answer.path("key_concurrency").asInt()).isEqualTo(1);
    assertThat(answer.path("rate_limit").path("by_key").asBoolean()).isTrue();
    JsonNode free = json.path("functions").path(1);
    assertThat(free.path("name").asString()).isEqualTo("free");
    // 0 in @Fn means "none": nothing is sent, so the server applies no cap of the function's own.
    assertThat(free.has("max_concurrency")).isFalse();
    assertThat(free.has("key_concurrency")).isFalse();
    assertThat(free.has("rate_limit")).isFalse();
  }

  @Test
  void withoutLimitsTheRegistrationNamesNone() {
    JsonNode json = Json.wire().valueToTree(base().build().registration());
    assertThat(json.has("max_concurrency")).isFalse();
    assertThat(json.has("rate_limit")).isFalse();
    assertThat(json.has("lanes")).isFalse();
    assertThat(json.has("degrade")).isFalse();
    assertThat(json.path("functions").path(0).has("debounce")).isFalse();
  }

  @Test
  void lanesDegradeAndDebounceFromTheBuilderAreSentAtRegistration() {
    Worker worker =
        Worker.builder()
            .client(client)
            .agent("support")
            .register(new Limited())
            .maxConcurrency(10)
            .lane("interactive", LaneSpec.reserving(3))
            .lane("batch", 6, 1)
            .degrade(5, DegradeMode.SLOW)
            .debounce("answer", Duration.ofSeconds(2))
            .debounce("free", Duration.ofSeconds(3), Duration.ofMinutes(2))
            .build();

    JsonNode json = Json.wire().valueToTree(worker.registration());

    assertThat(json.path("lanes").toString())
        .isEqualTo(
            "{\"interactive\":{\"reserved\":3},\"batch\":{\"max_concurrency\":6,\"reserved\":1}}");
    assertThat(json.path("degrade").toString())
        .isEqualTo("{\"after_failures\":5,\"mode\":\"slow\"}");
    JsonNode answer = json.path("functions").path(0);
    assertThat(answer.path("name").asString()).isEqualTo("answer");
    assertThat(answer.path("debounce").toString()).isEqualTo("{\"period_seconds\":2}");
    // The debounce is added beside what @Fn declared, not instead of it.
    assertThat(answer.path("max_concurrency").asInt()).isEqualTo(2);
    assertThat(json.path("functions").path(1).path("debounce").toString())
        .isEqualTo("{\"period_seconds\":3,\"max_wait_seconds\":120}");
  }

  @Test
  void badLanesAndDebouncesAreRefusedWhenTheWorkerIsBuilt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().lane("interactive", LaneSpec.reserving(2)).build())
        .withMessage("lanes reserve 2 slots, more than the agent's maxConcurrency (none)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().maxConcurrency(1).lane("a", 1, 1).lane("b", 1, 1).build())
        .withMessage("lanes reserve 2 slots, more than the agent's maxConcurrency (1)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().lane("a b", LaneSpec.capped(1)).build())
        .withMessageContaining("lane name 'a b' is invalid");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().debounce("ehco", Duration.ofSeconds(1)).build())
        .withMessageContaining("debounce(function, ...) names no function of this worker: [ehco]");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().degrade(0, DegradeMode.PAUSE))
        .withMessage("afterFailures must be in 1..10000, got 0");
  }

  @Test
  void negativeCapsInFnAreRefusedWhenTheWorkerIsBuilt() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> Worker.builder().client(client).agent("a").register(new NegativeCaps()).build())
        .withMessageContaining(
            "NegativeCaps.capped(In): @Fn(maxConcurrency = -1) must be 0 (no limit) or 1..100000")
        .withMessageContaining(
            "NegativeCaps.keyed(In): @Fn(keyConcurrency = -3) must be 0 (no limit) or 1..100000");
  }

  @Test
  void badAgentLimitsAreRefusedWhenTheWorkerIsBuilt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().maxConcurrency(0).build())
        .withMessage("maxConcurrency must be in 1..100000, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base().rateLimit("ehco", RateLimit.of(1, Duration.ofSeconds(1))).build())
        .withMessageContaining("rateLimit(function, ...) names no function of this worker: [ehco]")
        .withMessageContaining("[echo]");
  }

  private WorkerBuilder base() {
    return Worker.builder().client(client).agent("echoer").register(new Agent());
  }
}
