package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.model.InvocationStatus;
import dev.agentdispatch.sdk.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that dies mid-attempt: its lease expires, another worker finishes, the dead one is
 * fenced off.
 */
class LeaseExpiryTest {
  private static final String NS = "/v1/namespaces/default";

  @TempDir Path dir;

  @Test
  void expiredLeaseIsRetriedByAnotherWorkerAndTheStaleCompletionIsRefused() {
    try (TestServer server = TestServer.start(dir)) {
      TestAgent agent = new TestAgent();
      // Registered through the API, not by a worker started and stopped: a stopped worker's last
      // long-poll may still be waiting on the server and would take the invocation below.
      assertThat(
              server.put(NS + "/agents/tester", "{\"functions\":[{\"name\":\"echo\"}]}").status())
          .isEqualTo(200);
      String id =
          server
              .post(
                  NS + "/invocations",
                  "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"x\"},\"retry\":{\"initial_backoff_ms\":10}}")
              .text("invocation_id");

      // A "worker" that takes a 1-second lease and then dies silently.
      var leased =
          server.post(
              NS + "/workers/lease",
              "{\"worker_id\":\"doomed\",\"agent\":\"tester\",\"lease_seconds\":1,\"wait_ms\":5000}");
      String leaseId = leased.body().path("leases").get(0).path("lease_id").asString();
      assertThat(leased.body().path("leases").get(0).path("invocation_id").asString())
          .isEqualTo(id);

      try (Worker survivor =
          Worker.builder()
              .client(server.client())
              .agent(TestAgent.NAME)
              .register(agent)
              .pollWait(Duration.ofSeconds(1))
              .gracePeriod(Duration.ofSeconds(1))
              .build()) {
        survivor.start();
        var done = server.client().awaitTerminal(id, Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(InvocationStatus.COMPLETED);
        assertThat(done.attempts())
            .extracting(a -> a.outcome().orElse(""))
            .containsExactly("lease_expired", "completed");
        assertThat(done.attempts().get(1).workerId()).isNotEqualTo("doomed");
      }

      var stale =
          server.post(
              NS + "/workers/complete",
              "{\"worker_id\":\"doomed\",\"results\":[{\"lease_id\":\""
                  + leaseId
                  + "\",\"status\":\"completed\",\"result\":{\"text\":\"late\"}}]}");
      assertThat(stale.status()).isEqualTo(409);
      var heartbeat =
          server.post(
              NS + "/workers/heartbeat",
              "{\"worker_id\":\"doomed\",\"lease_ids\":[\"" + leaseId + "\"]}");
      assertThat(heartbeat.body().path("lost").get(0).asString()).isEqualTo(leaseId);
      var after = server.get(NS + "/invocations/" + id).body();
      assertThat(after.path("result").path("text").asString()).isEqualTo("echo:x");
    }
  }

  @Test
  void aWaitingLeaseIsWokenAsSoonAsWorkArrives() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.put(NS + "/agents/sleepy", "{\"functions\":[{\"name\":\"work\"}]}");
      var poll =
          java.util.concurrent.CompletableFuture.supplyAsync(() ->
              server.post(
                  NS + "/workers/lease",
                  "{\"worker_id\":\"w\",\"agent\":\"sleepy\",\"wait_ms\":30000}"));
      await().atMost(Duration.ofSeconds(10)).until(() -> server.server().pollsWaiting() == 1);
      long start = System.nanoTime();
      server.post(
          NS + "/invocations", "{\"agent\":\"sleepy\",\"function\":\"work\",\"payload\":{}}");
      var leased = poll.get(20, java.util.concurrent.TimeUnit.SECONDS);
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(leased.body().path("leases")).hasSize(1);
      // Far below the 30 s wait: the poll was woken, not timed out (a loose bound, not a
      // benchmark).
      assertThat(waitedMs).isLessThan(10_000);
    }
  }
}
