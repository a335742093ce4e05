package dev.agentdispatch.server.chaos;

import static dev.agentdispatch.server.ClusterNodes.NS;
import static dev.agentdispatch.server.ClusterNodes.awaitAllCompleted;
import static dev.agentdispatch.server.ClusterNodes.awaitRegistered;
import static dev.agentdispatch.server.ClusterNodes.completionsPerInvocation;
import static dev.agentdispatch.server.ClusterNodes.enqueueAccepted;
import static dev.agentdispatch.server.ClusterNodes.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.ClusterNodes;
import dev.agentdispatch.server.ServerProcess;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import dev.agentdispatch.store.postgres.PostgresUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node cut off from PostgreSQL by a network that drops its packets, while another node and the
 * workers of both carry on: the other node takes over the background loops, the work the cut-off
 * node's worker held is recovered, nothing accepted is lost and nothing completes twice.
 */
class PartitionTest {
  private static final Pattern LEADER =
      Pattern.compile("dispatch_loop_leader\\{loop=\"lease-sweeper\"\\} (\\S+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
    PgTestDatabase.dropSchema(dbUrl);
  }

  @Test
  void aNodeCutOffFromTheDatabaseHandsOverAndLosesNothing() throws Exception {
    PostgresUrl pg = PostgresUrl.parse(dbUrl);
    TcpProxy proxy = new TcpProxy(pg.host(), pg.port());
    resources.add(proxy);
    ServerProcess a = node(dbUrl.replace(":" + pg.port() + "/", ":" + proxy.port() + "/"));
    await().atMost(Duration.ofSeconds(20)).until(() -> leads(a));
    ServerProcess b = node(dbUrl);
    TestAgent agent = new TestAgent();
    worker(a, agent);
    worker(b, agent);
    awaitRegistered(a);
    assertThat(leads(b)).as("a leads the loops before the partition").isFalse();

    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    resources.add(pool::shutdownNow);
    List<String> before = enqueueAccepted(List.of(b), "p", 200);
    Future<List<String>> during = pool.submit(() -> enqueueAccepted(List.of(b), "q", 400));
    proxy.partition();

    long cutOffAt = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> leads(b));
    long takeoverMs = (System.nanoTime() - cutOffAt) / 1_000_000;
    List<String> accepted = new ArrayList<>(before);
    accepted.addAll(during.get());
    assertThat(accepted).hasSize(600);
    // Everything completes while a is still cut off: what a's worker held is recovered by b.
    awaitAllCompleted(b, accepted, Duration.ofSeconds(90));
    long refusedWithinMs = timeToAnswer(a);

    proxy.heal();
    await().atMost(Duration.ofSeconds(30)).until(() -> !leads(a));
    assertThat(leads(b)).as("b still leads after the heal").isTrue();
    assertThat(completionsPerInvocation(b, accepted))
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    int reRuns = 0;
    for (int i = 0; i < 200; i++) {
      reRuns += Math.max(0, agent.calls("p" + i) - 1);
    }
    for (int i = 0; i < 400; i++) {
      reRuns += Math.max(0, agent.calls("q" + i) - 1);
    }
    System.out.printf(
        "partition: takeover after %d ms, cut-off node answered in %d ms, %d re-executions%n",
        takeoverMs, refusedWithinMs, reRuns);
  }

  private ServerProcess node(String url) throws Exception {
    ServerProcess node = ServerProcess.start(url);
    resources.add(node);
    return node;
  }

  private void worker(ServerProcess node, TestAgent agent) {
    Worker worker = ClusterNodes.worker(node, agent, 3, 16);
    resources.add(worker::stop);
  }

  /** Whether the node says it runs the lease sweeper, read from its metrics. */
  private static boolean leads(ServerProcess node) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(node.url() + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = LEADER.matcher(r.body());
      return m.find() && Double.parseDouble(m.group(1)) == 1.0;
    } catch (Exception e) {
      return false;
    }
  }

  /** How long a cut-off node takes to answer a request that needs the database (any status). */
  private static long timeToAnswer(ServerProcess node) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r = send(node, "GET", NS + "/invocations?limit=1", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    return (System.nanoTime() - start) / 1_000_000;
  }
}
