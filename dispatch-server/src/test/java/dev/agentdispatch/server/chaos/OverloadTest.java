package dev.agentdispatch.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.ServerProcess;
import dev.agentdispatch.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Far more callers than a node takes at once (its in-flight limit set to 2 so two cores can
 * overload it): the excess is refused at once with 503, {@code Retry-After} and the {@code
 * overloaded} code, idle long-polls do not use up turns, a worker's completions are never refused,
 * and every invocation accepted completes exactly once.
 */
class OverloadTest {
  private static final String NS = "/v1/namespaces/default";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
  private final List<Long> answerMs = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();

  @Test
  void pastItsLimitANodeRefusesAtOnceAndLosesNothingItAccepted() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            "sqlite:" + dir.resolve("overload.db"), List.of("--max-in-flight", "2"), line -> {})) {
      String url = server.url();
      send(url, "PUT", NS + "/agents/ov", "{\"functions\":[{\"name\":\"f\"}]}");
      send(url, "PUT", NS + "/agents/idle", "{\"functions\":[{\"name\":\"f\"}]}");
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        // Four workers long-poll an agent with no work: they wait, and must not hold the 2 turns.
        List<Future<HttpResponse<String>>> polls = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
          String body = "{\"worker_id\":\"idle" + i + "\",\"agent\":\"idle\",\"wait_ms\":4000}";
          polls.add(pool.submit(() -> send(url, "POST", NS + "/workers/lease", body)));
        }
        Thread.sleep(500);
        HttpResponse<String> beside =
            send(url, "POST", NS + "/invocations", "{\"agent\":\"ov\",\"function\":\"f\"}");
        assertThat(beside.statusCode()).as("an invoke beside 4 long-polls").isEqualTo(202);
        accepted.add(json(beside).path("invocation_id").asString());
        for (Future<HttpResponse<String>> poll : polls) {
          assertThat(poll.get().statusCode()).isEqualTo(200);
        }

        AtomicBoolean loading = new AtomicBoolean(true);
        Future<?> worker = pool.submit(() -> work(url, loading));
        List<Future<?>> callers = new CopyOnWriteArrayList<>();
        for (int c = 0; c < 32; c++) {
          callers.add(pool.submit(() -> invokeRepeatedly(url, 40)));
        }
        for (Future<?> caller : callers) {
          caller.get();
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> accepted.stream().allMatch(completions::containsKey));
        loading.set(false);
        worker.get();
      }
      List<Long> sorted = answerMs.stream().sorted().toList();
      System.out.printf(
          "overload: %d accepted, %d refused, answer p50 %d ms, p99 %d ms, max %d ms%n",
          accepted.size(),
          refused.get(),
          sorted.get(sorted.size() / 2),
          sorted.get(sorted.size() * 99 / 100),
          sorted.getLast());
      assertThat(unexpected).as("answers other than 202 and 503 overloaded").isEmpty();
      assertThat(refused.get()).as("refusals under 16× the node's limit").isPositive();
      assertThat(accepted).hasSizeGreaterThan(32);
      for (String id : accepted) {
        assertThat(completions.get(id).get()).as("completions of " + id).isEqualTo(1);
        assertThat(
                json(send(url, "GET", NS + "/invocations/" + id, null)).path("status").asString())
            .isEqualTo("completed");
      }
    }
  }

  private void invokeRepeatedly(String url, int times) {
    for (int i = 0; i < times; i++) {
      try {
        long start = System.nanoTime();
        HttpResponse<String> r =
            send(url, "POST", NS + "/invocations", "{\"agent\":\"ov\",\"function\":\"f\"}");
        answerMs.add((System.nanoTime() - start) / 1_000_000);
        if (r.statusCode() == 202) {
          accepted.add(json(r).path("invocation_id").asString());
        } else if (r.statusCode() == 503
            && r.headers().firstValue("Retry-After").orElse("").equals("1")
            && json(r).path("error").path("code").asString().equals("overloaded")) {
          refused.incrementAndGet();
        } else {
          unexpected.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
        }
      } catch (Exception e) {
        unexpected.add(e.toString());
      }
    }
  }

  /** Leases and completes until the load ends, retrying a refused completion. */
  private void work(String url, AtomicBoolean loading) {
    while (loading.get()) {
      try {
        HttpResponse<String> r =
            send(
                url,
                "POST",
                NS + "/workers/lease",
                "{\"worker_id\":\"w\",\"agent\":\"ov\",\"max\":20,\"wait_ms\":200}");
        if (r.statusCode() != 200) {
          continue; // a lease is a long-poll and is never refused; anything else: try again
        }
        StringBuilder results = new StringBuilder();
        for (JsonNode lease : json(r).path("leases")) {
          completions
              .computeIfAbsent(lease.path("invocation_id").asString(), k -> new AtomicInteger())
              .incrementAndGet();
          results
              .append(results.isEmpty() ? "" : ",")
              .append("{\"lease_id\":\"")
              .append(lease.path("lease_id").asString())
              .append("\",\"status\":\"completed\",\"result\":{}}");
        }
        if (!results.isEmpty()) {
          // Completions finish admitted work: the limit never refuses them.
          String body = "{\"worker_id\":\"w\",\"results\":[" + results + "]}";
          HttpResponse<String> done = send(url, "POST", NS + "/workers/complete", body);
          if (done.statusCode() != 200) {
            unexpected.add("complete: " + done.statusCode() + " " + done.body());
          }
        }
      } catch (Exception e) {
        unexpected.add("worker: " + e);
      }
    }
  }

  private static JsonNode json(HttpResponse<String> r) {
    return TestServer.JSON.readTree(r.body());
  }

  private static HttpResponse<String> send(String url, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json");
    req.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }
}
