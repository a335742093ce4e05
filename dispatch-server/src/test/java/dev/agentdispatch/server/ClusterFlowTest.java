package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.store.postgres.PgTestDatabase;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A concurrency cap holds across a PostgreSQL cluster: two server nodes (separate JVMs), workers
 * polling both, one node killed mid-run. The running count, sampled from the database all along,
 * never passes the cap, and every invocation completes.
 */
class ClusterFlowTest {
  private static final String NS = "/v1/namespaces/default";
  private static final int CAP = 5;
  private static final int TOTAL = 150;
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
    if (dbUrl != null) {
      PgTestDatabase.dropSchema(dbUrl);
    }
  }

  private ServerProcess node() throws Exception {
    ServerProcess node = ServerProcess.start(dbUrl);
    resources.add(node);
    return node;
  }

  @Test
  void aCapOfFiveHoldsAcrossTwoNodesWhileOneIsKilled() throws Exception {
    ServerProcess a = node();
    ServerProcess b = node();
    assertThat(
            send(
                    a,
                    "PUT",
                    NS + "/agents/capped",
                    "{\"max_concurrency\":" + CAP + ",\"functions\":[{\"name\":\"f\"}]}")
                .statusCode())
        .isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TOTAL; i++) {
      HttpResponse<String> r =
          send(
              i % 2 == 0 ? a : b,
              "POST",
              NS + "/invocations",
              "{\"agent\":\"capped\",\"function\":\"f\",\"payload\":{}}");
      assertThat(r.statusCode()).isEqualTo(202);
      ids.add(TestServer.JSON.readTree(r.body()).path("invocation_id").asString());
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger worst = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    List<ServerProcess> nodes = List.of(a, b);
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<?>> running = new ArrayList<>();
    running.add(
        pool.submit(() -> {
          while (!stop.get()) {
            JsonNode flow = get(b, NS + "/agents/capped").path("flow");
            worst.accumulateAndGet(flow.path("running").asInt(), Math::max);
            Thread.sleep(10);
          }
          return null;
        }));
    for (int w = 0; w < 12; w++) {
      String worker = "w" + w;
      ServerProcess home = nodes.get(w % 2);
      running.add(pool.submit(() -> work(worker, home, b, stop, completed)));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> completed.get() >= TOTAL / 3);
    a.kill();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> count(b, "completed") == TOTAL);
    stop.set(true);
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    assertThat(worst.get()).as("most running at once").isBetween(1, CAP);
  }

  /** A worker: leases from its home node (or the survivor once home is gone), holds, completes. */
  private static Void work(
      String worker,
      ServerProcess home,
      ServerProcess survivor,
      AtomicBoolean stop,
      AtomicInteger completed)
      throws InterruptedException {
    while (!stop.get()) {
      ServerProcess node = home.alive() ? home : survivor;
      try {
        HttpResponse<String> leased =
            send(
                node,
                "POST",
                NS + "/workers/lease",
                "{\"worker_id\":\""
                    + worker
                    + "\",\"agent\":\"capped\",\"max\":3,\"wait_ms\":500,\"lease_seconds\":2}");
        for (JsonNode l : TestServer.JSON.readTree(leased.body()).path("leases")) {
          Thread.sleep(20);
          HttpResponse<String> done =
              send(
                  node,
                  "POST",
                  NS + "/workers/complete",
                  "{\"worker_id\":\""
                      + worker
                      + "\",\"results\":[{\"lease_id\":\""
                      + l.path("lease_id").asString()
                      + "\",\"status\":\"completed\",\"result\":{}}]}");
          if (done.statusCode() == 200) {
            completed.incrementAndGet();
          }
        }
      } catch (Exception e) {
        // the node died under this request: its leases expire and are handed out again
        Thread.sleep(100);
      }
    }
    return null;
  }

  private static long count(ServerProcess node, String status) {
    JsonNode flow = get(node, NS + "/invocations?agent=capped&status=" + status + "&limit=500");
    return flow.path("items").size();
  }

  private static JsonNode get(ServerProcess node, String path) {
    try {
      HttpResponse<String> r = send(node, "GET", path, null);
      return TestServer.JSON.readTree(r.body());
    } catch (Exception e) {
      return TestServer.JSON.createObjectNode();
    }
  }

  private static HttpResponse<String> send(
      ServerProcess node, String method, String path, String body) throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(10));
    req =
        body == null
            ? req.method(method, HttpRequest.BodyPublishers.noBody())
            : req.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }
}
