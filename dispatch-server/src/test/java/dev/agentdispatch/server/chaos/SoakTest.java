package dev.agentdispatch.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.server.ServerProcess;
import dev.agentdispatch.server.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A mixed load against a server process (invokes, workers leasing and completing, long-polls the
 * caller gives up on, event streams opened and dropped, publishes) in two rounds: after the second,
 * the process holds no more threads, file descriptors or resident memory than after the first
 * (beyond a small slack), and every accepted invocation completed exactly once. A round lasts 15 s
 * here; {@code -Dsoak.seconds=600} makes it a real soak.
 */
class SoakTest {
  private static final String NS = "/v1/namespaces/default";
  private static final Duration ROUND = Duration.ofSeconds(Long.getLong("soak.seconds", 15));
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * The client that hangs up on long-polls and drops streams. Its own, because the JDK client can
   * hand a connection it is still tearing down from such a hang-up to the next request, which then
   * fails with "header parser received no bytes" (the server sees an early EOF in its body): a race
   * in the client's pool, not the server's.
   */
  private static final HttpClient RUDE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  @Test
  void resourcesStayFlatAcrossRoundsOfMixedLoadAndNothingIsLost() throws Exception {
    List<String> serverWarnings = new CopyOnWriteArrayList<>();
    try (ServerProcess server =
        ServerProcess.start(
            "sqlite:" + dir.resolve("soak.db"),
            List.of(),
            line -> {
              if (line.contains(" WARN ")
                  || line.contains(" ERROR ")
                  || line.startsWith("\t")
                  || line.startsWith("Caused by")) {
                serverWarnings.add(line);
              }
            })) {
      String url = server.url();
      send("PUT", url + NS + "/agents/soak", "{\"functions\":[{\"name\":\"f\"}]}");
      round(url);
      Usage warm = usage(url, server.pid());
      round(url);
      Usage end = usage(url, server.pid());
      System.out.println("soak: after round 1 " + warm + ", after round 2 " + end);
      assertThat(failures)
          .as("requests that failed unexpectedly; the server warned: " + serverWarnings)
          .isEmpty();
      assertThat(end.threads())
          .as("live threads, " + warm + " → " + end)
          .isLessThan(warm.threads() + 25);
      assertThat(end.fds()).as("open files, " + warm + " → " + end).isLessThan(warm.fds() + 40);
      assertThat(end.rssBytes())
          .as("resident memory, " + warm + " → " + end)
          .isLessThan(warm.rssBytes() * 3 / 2 + 64L * 1024 * 1024);
      drain(url);
      assertThat(accepted).hasSizeGreaterThan(100);
      for (String id : accepted) {
        assertThat(completions.getOrDefault(id, new AtomicInteger()).get())
            .as("completions of " + id)
            .isEqualTo(1);
        assertThat(get(url + NS + "/invocations/" + id).path("status").asString())
            .isEqualTo("completed");
      }
    }
  }

  /** One round of every kind of traffic at once, for {@link #ROUND}. */
  private void round(String url) throws InterruptedException {
    Instant end = Instant.now().plus(ROUND);
    try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 4; i++) {
        load.submit(() -> repeat(end, "invoke", () -> invoke(url)));
      }
      for (int i = 0; i < 2; i++) {
        String worker = "w" + i;
        load.submit(() -> repeat(end, "work", () -> work(url, worker, 200)));
      }
      load.submit(() -> repeat(end, "abandon a long-poll", () -> abandonLongPoll(url)));
      load.submit(() -> repeat(end, "drop a stream", () -> dropStream(url)));
      load.submit(() ->
          repeat(
              end, "publish", () -> send("POST", url + NS + "/events", "{\"topic\":\"soak.t\"}")));
    }
    Thread.sleep(3_000); // abandoned long-polls end their waits; streams notice their close
  }

  private void invoke(String url) throws Exception {
    JsonNode r = send("POST", url + NS + "/invocations", "{\"agent\":\"soak\",\"function\":\"f\"}");
    accepted.add(r.path("invocation_id").asString());
  }

  /** Leases up to ten and completes them; returns how many it completed. */
  private int work(String url, String worker, int waitMs) throws Exception {
    JsonNode leases =
        send(
                "POST",
                url + NS + "/workers/lease",
                "{\"worker_id\":\""
                    + worker
                    + "\",\"agent\":\"soak\",\"max\":10,\"wait_ms\":"
                    + waitMs
                    + "}")
            .path("leases");
    StringBuilder results = new StringBuilder();
    for (JsonNode lease : leases) {
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
      send(
          "POST",
          url + NS + "/workers/complete",
          "{\"worker_id\":\"" + worker + "\",\"results\":[" + results + "]}");
    }
    return leases.size();
  }

  /** A caller that waits on an invocation's end and hangs up long before it. */
  private void abandonLongPoll(String url) throws Exception {
    String id = accepted.stream().findAny().orElse("inv_none");
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url + NS + "/invocations/" + id + "?wait_seconds=2"))
            .timeout(Duration.ofMillis(100))
            .build();
    try {
      RUDE.send(req, HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException expected) {
      // the point: the server is left holding a request whose caller has gone
    }
  }

  /** An event stream read for a moment and dropped. */
  private void dropStream(String url) throws Exception {
    String id = accepted.stream().findAny().orElse("inv_none");
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url + NS + "/invocations/" + id + "/events"))
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<InputStream> r = RUDE.send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = r.body()) {
      body.readNBytes(64);
    }
  }

  private void drain(String url) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (work(url, "drainer", 500) == 0 && completions.keySet().containsAll(accepted)) {
        return;
      }
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private void repeat(Instant end, String what, Step step) {
    while (Instant.now().isBefore(end) && failures.size() < 10) {
      try {
        step.run();
      } catch (Exception e) {
        failures.add(what + ": " + e + " at " + Instant.now());
      }
    }
  }

  /** What the server process holds: live threads, open files, resident bytes. */
  private record Usage(long threads, long fds, long rssBytes) {}

  private static Usage usage(String url, long pid) throws Exception {
    String metrics =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String status = Files.readString(Path.of("/proc/" + pid + "/status"));
    Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
    assertThat(rss.find()).isTrue();
    return new Usage(
        metric(metrics, "jvm_threads_live_threads"),
        metric(metrics, "process_files_open_files"),
        Long.parseLong(rss.group(1)) * 1024);
  }

  private static long metric(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+]+)$").matcher(metrics);
    assertThat(m.find()).as(name + " in /metrics").isTrue();
    return (long) Double.parseDouble(m.group(2));
  }

  private static JsonNode get(String url) throws Exception {
    return send("GET", url, null);
  }

  private static JsonNode send(String method, String url, String body) throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + " " + r.body());
    }
    return TestServer.JSON.readTree(r.body());
  }
}
