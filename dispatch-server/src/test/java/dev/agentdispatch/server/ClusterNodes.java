package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * What the cluster and chaos tests do to server nodes over HTTP: enqueue echo invocations, wait for
 * them, and count their completions.
 */
public final class ClusterNodes {
  public static final String NS = "/v1/namespaces/default";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ClusterNodes() {}

  /**
   * A started SDK worker serving {@code agent} through {@code node}; the caller stops it.
   *
   * @param leaseSeconds how long its leases last: short, so a lost worker's work comes back soon
   */
  public static Worker worker(
      ServerProcess node, TestAgent agent, int leaseSeconds, int concurrency) {
    DispatchClient client =
        DispatchClient.builder().baseUrl(node.url()).requestTimeout(Duration.ofSeconds(5)).build();
    return Worker.builder()
        .client(client)
        .agent(TestAgent.NAME)
        .register(agent)
        .concurrency(concurrency)
        .leaseSeconds(leaseSeconds)
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }

  public static void awaitRegistered(ServerProcess node) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> get(node, NS + "/agents/" + TestAgent.NAME).has("functions"));
  }

  /** Enqueues {@code n} echo invocations round-robin over the nodes; all must be accepted. */
  public static List<String> enqueue(List<ServerProcess> nodes, String prefix, int n)
      throws Exception {
    List<String> ids = enqueueAccepted(nodes, prefix, n);
    assertThat(ids).hasSize(n);
    return ids;
  }

  /**
   * Enqueues with 8 concurrent clients; returns the ids of those accepted (202), in payload order.
   */
  public static List<String> enqueueAccepted(List<ServerProcess> nodes, String prefix, int n)
      throws Exception {
    Map<Integer, String> accepted = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(
            pool.submit(() -> {
              ServerProcess node = nodes.get(k % nodes.size());
              String body =
                  "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\""
                      + prefix
                      + k
                      + "\"},\"retry\":{\"max_attempts\":10,\"initial_backoff_ms\":100,\"max_backoff_ms\":1000}}";
              try {
                HttpResponse<String> r = send(node, "POST", NS + "/invocations", body);
                if (r.statusCode() == 202) {
                  accepted.put(
                      k, TestServer.JSON.readTree(r.body()).path("invocation_id").asString());
                }
              } catch (Exception e) {
                // refused or unreachable while the database restarts: not accepted, so not counted
              }
            }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    return accepted.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .toList();
  }

  public static void awaitAllCompleted(ServerProcess node, List<String> ids, Duration atMost) {
    Set<String> waiting = new HashSet<>(ids);
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> {
          waiting.removeIf(id ->
              "completed".equals(get(node, NS + "/invocations/" + id).path("status").asString()));
          return waiting.isEmpty();
        });
  }

  /** How many "completed" transitions each invocation's event log records. */
  public static Map<String, Long> completionsPerInvocation(ServerProcess node, List<String> ids) {
    Map<String, Long> out = new ConcurrentHashMap<>();
    for (String id : ids) {
      long n = 0;
      for (JsonNode e : get(node, NS + "/invocations/" + id + "/events").path("items")) {
        if ("completed".equals(e.path("data").path("event").asString())) {
          n++;
        }
      }
      out.put(id, n);
    }
    return out;
  }

  public static JsonNode get(ServerProcess node, String path) {
    try {
      HttpResponse<String> r = send(node, "GET", path, null);
      return r.statusCode() == 200
          ? TestServer.JSON.readTree(r.body())
          : TestServer.JSON.createObjectNode();
    } catch (Exception e) {
      return TestServer.JSON.createObjectNode();
    }
  }

  public static HttpResponse<String> send(
      ServerProcess node, String method, String path, String body) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }
}
