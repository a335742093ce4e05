package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.worker.Worker;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An approval that waits across a server restart and resumes on another worker (DESIGN §8). */
class WaitForInputRestartTest {
  private static final String NS = "/v1/namespaces/default";

  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private TestServer start(int port) {
    return TestServer.start(
        ServerConfig.defaults()
            .withPort(port)
            .withDb("sqlite:" + dir.resolve("dispatch.db"))
            .withSweepInterval(Duration.ofMillis(100)));
  }

  private static Worker worker(TestServer server, SessionAgent agent) {
    return Worker.builder()
        .client(server.client())
        .agent(SessionAgent.NAME)
        .register(agent)
        .leaseSeconds(3)
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }

  @Test
  void anApprovalWaitsWithoutAWorkerSurvivesARestartAndResumesOnAnotherWorker() throws Exception {
    int port = freePort();
    TestServer firstServer = start(port);
    TestServer server = firstServer;
    SessionAgent first = new SessionAgent();
    Worker a = worker(server, first);
    SessionsTest.server = server;
    String sid = SessionsTest.newSession("approval");
    String runId = SessionsTest.send(sid, "approve:v2", "enqueue").text("run_id");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            firstServer
                .get(NS + "/invocations/" + runId)
                .text("status")
                .equals("waiting_for_input"));
    var waiting = server.get(NS + "/invocations/" + runId).body();
    assertThat(waiting.path("result").path("question").asString()).isEqualTo("deploy v2?");
    assertThat(server.get(NS + "/sessions/" + sid).text("status")).isEqualTo("waiting_for_input");
    a.stop();
    server.close();

    server = start(port);
    try {
      SessionsTest.server = server;
      SessionAgent second = new SessionAgent();
      Worker b = worker(server, second);
      try {
        assertThat(server.get(NS + "/invocations/" + runId).text("status"))
            .isEqualTo("waiting_for_input");
        var approval = SessionsTest.send(sid, "approve", "enqueue");
        assertThat(approval.text("outcome")).isEqualTo("resumed");
        assertThat(approval.text("run_id")).isEqualTo(runId);
        TestServer s = server;
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> s.get(NS + "/invocations/" + runId).text("status").equals("completed"));
        assertThat(
                server
                    .get(NS + "/invocations/" + runId)
                    .body()
                    .path("result")
                    .path("text")
                    .asString())
            .isEqualTo("decision:approve");
        assertThat(second.started).containsExactly("approve:v2");
        assertThat(
                server
                    .get(NS + "/invocations/" + runId)
                    .body()
                    .path("attempts")
                    .findValuesAsString("outcome"))
            .containsExactly("waiting_for_input", "completed");
      } finally {
        b.stop();
      }
    } finally {
      server.close();
    }
  }
}
