package dev.agentdispatch.server;

import static dev.agentdispatch.server.ClusterNodes.NS;
import static dev.agentdispatch.server.ClusterNodes.awaitAllCompleted;
import static dev.agentdispatch.server.ClusterNodes.awaitRegistered;
import static dev.agentdispatch.server.ClusterNodes.completionsPerInvocation;
import static dev.agentdispatch.server.ClusterNodes.enqueue;
import static dev.agentdispatch.server.ClusterNodes.enqueueAccepted;
import static dev.agentdispatch.server.ClusterNodes.get;
import static dev.agentdispatch.server.ClusterNodes.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two server nodes (separate JVMs) on one PostgreSQL database, with workers attached to both:
 * nothing accepted is lost and nothing completes twice — under load, when a node is killed, and
 * when PostgreSQL itself restarts.
 */
class ClusterTest {

  private String dbUrl;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeEach
  void database() {
    dbUrl = PgTestDatabase.freshSchemaUrl();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    if (dbUrl != null) { // null when the test was skipped before a schema was made
      PgTestDatabase.dropSchema(dbUrl);
    }
  }

  private ServerProcess node() throws Exception {
    ServerProcess node = ServerProcess.start(dbUrl);
    resources.add(node);
    return node;
  }

  private Worker worker(ServerProcess node, TestAgent agent, int leaseSeconds) {
    Worker worker = ClusterNodes.worker(node, agent, leaseSeconds, 32);
    resources.add(worker::stop);
    return worker;
  }

  @Test
  void twoThousandInvocationsAcrossTwoNodesCompleteExactlyOnce() throws Exception {
    ServerProcess a = node();
    ServerProcess b = node();
    TestAgent agent = new TestAgent();
    worker(a, agent, 5);
    worker(b, agent, 5);
    awaitRegistered(a);
    List<String> ids = enqueue(List.of(a, b), "x", 2000);
    awaitAllCompleted(a, ids, Duration.ofSeconds(240));
    for (int i = 0; i < ids.size(); i++) {
      assertThat(agent.calls("x" + i)).as("runs of x%d", i).isEqualTo(1);
    }
    assertThat(completionsPerInvocation(b, ids))
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
  }

  @Test
  void killingANodeUnderLoadLosesNothing() throws Exception {
    ServerProcess a = node();
    ServerProcess b = node();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(a, "/readyz").path("status").asString().equals("ready"));
    TestAgent agent = new TestAgent();
    worker(a, agent, 3);
    worker(b, agent, 3);
    awaitRegistered(a);
    // An every-second schedule, fired by whichever node leads the loops.
    HttpResponse<String> created =
        send(
            a,
            "POST",
            NS + "/schedules",
            "{\"agent\":\"tester\",\"function\":\"echo\",\"cron\":\"* * * * * *\",\"overlap\":\"allow\","
                + "\"payload\":{\"text\":\"tick\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String scheduleId = TestServer.JSON.readTree(created.body()).path("id").asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> fireTimes(b, scheduleId).size() >= 2);
    List<String> ids = enqueue(List.of(a, b), "k", 400);
    a.kill(); // likely the leader too (it started first): the sweepers and the scheduler must
    // fail over to b
    int firedBeforeKill = fireTimes(b, scheduleId).size();
    awaitAllCompleted(b, ids, Duration.ofSeconds(120));
    assertThat(completionsPerInvocation(b, ids))
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fireTimes(b, scheduleId).size() >= firedBeforeKill + 3);
    List<Long> fires = fireTimes(b, scheduleId);
    assertThat(fires)
        .as("one invocation per fire time across the failover")
        .doesNotHaveDuplicates();
    for (int i = 1; i < fires.size(); i++) {
      assertThat(fires.get(i) - fires.get(i - 1))
          .as("no fire time skipped or repeated")
          .isEqualTo(1000L);
    }
  }

  /**
   * The fire times (epoch ms, ascending) of a schedule's invocations, from their idempotency keys.
   */
  private static List<Long> fireTimes(ServerProcess node, String scheduleId) {
    List<Long> out = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page = get(node, NS + "/invocations?agent=tester&function=echo&limit=500" + cursor);
      for (JsonNode inv : page.path("items")) {
        String key = inv.path("idempotency_key").asString();
        if (key.startsWith("schedule:" + scheduleId + ":")) {
          out.add(Long.parseLong(key.substring(key.lastIndexOf(':') + 1)));
        }
      }
      cursor =
          page.hasNonNull("next_cursor") ? "&cursor=" + page.path("next_cursor").asString() : "";
    } while (!cursor.isEmpty());
    out.sort(null);
    return out;
  }

  @Test
  void restartingPostgresUnderLoadLosesNothingAccepted() throws Exception {
    List<String> restart = restartCommand();
    ServerProcess a = node();
    ServerProcess b = node();
    TestAgent agent = new TestAgent();
    worker(a, agent, 5);
    worker(b, agent, 5);
    awaitRegistered(a);
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    Future<List<String>> load = pool.submit(() -> enqueueAccepted(List.of(a, b), "r", 600));
    // Restart while the load is under way: once the first invocation is stored, not after a guessed
    // pause.
    await().atMost(Duration.ofSeconds(30)).until(() -> hasAnyInvocation(a));
    Process p = new ProcessBuilder(restart).redirectErrorStream(true).start();
    assertThat(p.waitFor())
        .as("pg restart exit code: " + new String(p.getInputStream().readAllBytes()))
        .isZero();
    List<String> accepted = load.get();
    pool.shutdown();
    assertThat(accepted).isNotEmpty();
    awaitAllCompleted(b, accepted, Duration.ofSeconds(180));
    assertThat(completionsPerInvocation(a, accepted))
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
  }

  private static boolean hasAnyInvocation(ServerProcess node) {
    return !get(node, NS + "/invocations?limit=1").path("items").isEmpty();
  }

  /**
   * The command that restarts the machine's PostgreSQL; the test is skipped (fails in CI) without
   * one.
   */
  private static List<String> restartCommand() throws Exception {
    Path clusters = Path.of("/etc/postgresql");
    boolean possible =
        Files.isDirectory(clusters) && "root".equals(System.getProperty("user.name"));
    if (!possible && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must be able to restart PostgreSQL (pg_ctlcluster as root)");
    }
    Assumptions.assumeTrue(
        possible, "needs the machine's PostgreSQL cluster and root to restart it");
    String version;
    try (var versions = Files.list(clusters)) {
      version =
          versions.map(v -> v.getFileName().toString()).sorted().reduce((x, y) -> y).orElseThrow();
    }
    return List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart");
  }
}
