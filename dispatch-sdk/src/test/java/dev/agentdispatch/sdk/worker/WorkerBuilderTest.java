package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.agentdispatch.sdk.client.DispatchClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkerBuilderTest {
  record In(String name) {}

  record Out(String message) {}

  public static class Agent {
    @Fn(description = "echo")
    public Out echo(In in) {
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

  private WorkerBuilder base() {
    return Worker.builder().client(client).agent("echoer").register(new Agent());
  }
}
