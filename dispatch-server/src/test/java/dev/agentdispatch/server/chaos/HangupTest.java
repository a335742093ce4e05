package dev.agentdispatch.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Callers that hang up while their long-poll waits, over real sockets on loopback: the server lets
 * go of the request within a few seconds (not when the wait ends, up to 60 s later), a lease poll
 * whose worker left takes no work (or gives it back at once), and a connection that stays keeps
 * serving requests after its long-poll, pipelined or not.
 */
class HangupTest {
  private static final String NS = "/v1/namespaces/default";
  private static final Duration LET_GO = Duration.ofSeconds(4);

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
    assertThat(server.put(NS + "/agents/a", "{\"functions\":[{\"name\":\"f\"}]}").status())
        .isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aLeasePollWhoseWorkerHangsUpEndsAndLaterWorkGoesToALiveWorkerAtOnce() throws Exception {
    try (Socket gone = connect()) {
      send(gone, post(NS + "/workers/lease", lease("gone", 60_000)));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.server().pollsWaiting() == 1);
      assertThat(parked()).isEqualTo(1);
    }
    long hungUp = System.nanoTime();
    await().atMost(LET_GO).until(() -> server.server().pollsWaiting() == 0 && parked() == 0);
    System.out.printf(
        "hang-up: lease poll let go after %d ms%n", (System.nanoTime() - hungUp) / 1_000_000);
    assertThat(metrics())
        .as("the poll counted as a hang-up")
        .anyMatch(l ->
            l.startsWith("http_server_requests_seconds_count")
                && l.contains("workers/lease")
                && l.contains("status=\"499\""));

    String id = invoke();
    long leasing = System.nanoTime();
    JsonNode leases = leaseOver(HttpClient.newHttpClient(), "live", 10_000);
    assertThat((System.nanoTime() - leasing) / 1_000_000).as("ms to lease").isLessThan(2_000);
    assertThat(leases.path("leases")).hasSize(1);
    assertThat(leases.path("leases").get(0).path("invocation_id").asString()).isEqualTo(id);
  }

  @Test
  void workThatArrivesAsTheWorkerHangsUpIsGivenBackAtOnceWithItsAttemptUnspent() throws Exception {
    try (Socket gone = connect()) {
      send(gone, post(NS + "/workers/lease", lease("gone", 60_000)));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.server().pollsWaiting() == 1);
    }
    // At once, before the watch's next probe: the parked poll wakes, claims, and must find its
    // caller gone before it answers. One attempt only: a lease sent nowhere must not spend it.
    String id =
        server
            .post(
                NS + "/invocations",
                "{\"agent\":\"a\",\"function\":\"f\",\"retry\":{\"max_attempts\":1}}")
            .text("invocation_id");

    JsonNode leases = leaseOver(HttpClient.newHttpClient(), "live", 5_000);
    assertThat(leases.path("leases")).as("leased to the live worker").hasSize(1);
    assertThat(leases.path("leases").get(0).path("invocation_id").asString()).isEqualTo(id);
    JsonNode inv = server.get(NS + "/invocations/" + id).body();
    assertThat(inv.path("status").asString()).isEqualTo("running");
    // Either the watch saw the hang-up before the work came (no attempt for the gone worker), or
    // the poll claimed it and gave it back on seeing its caller gone (one "undelivered" attempt).
    JsonNode attempts = inv.path("attempts");
    System.out.println("hang-up race: attempts " + attempts);
    assertThat(attempts.get(attempts.size() - 1).path("worker_id").asString()).isEqualTo("live");
    for (int i = 0; i < attempts.size() - 1; i++) {
      assertThat(attempts.get(i).path("outcome").asString()).isEqualTo("undelivered");
    }
  }

  @Test
  void anInvocationLongPollWhoseCallerHangsUpEnds() throws Exception {
    String id = invoke();
    try (Socket gone = connect()) {
      send(gone, get(NS + "/invocations/" + id + "?wait_seconds=60"));
      await().atMost(Duration.ofSeconds(5)).until(() -> parked() == 1);
    }
    await().atMost(LET_GO).until(() -> parked() == 0);
  }

  @Test
  void aConnectionThatStaysServesItsNextRequestAfterALongPoll() throws Exception {
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      // Long enough for the watch to probe the parked poll at least twice.
      send(s, post(NS + "/workers/lease", lease("w", 2_500)));
      String first = readResponse(in);
      assertThat(first).startsWith("HTTP/1.1 200").contains("\"leases\":[]");
      send(s, get("/healthz"));
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"ok\"");
    }
  }

  @Test
  void aRequestPipelinedBehindALongPollIsAnsweredAfterIt() throws Exception {
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      send(s, post(NS + "/workers/lease", lease("w", 2_500)));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.server().pollsWaiting() == 1);
      send(s, get("/healthz"));
      String first = readResponse(in);
      assertThat(first).startsWith("HTTP/1.1 200").contains("\"leases\":[]");
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"ok\"");
    }
  }

  @Test
  void aCallerThatPipelinesAndThenClosesItsSideIsStillAnswered() throws Exception {
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      // One write: Jetty reads both requests at once and holds the second while the poll waits, so
      // the caller is there, though a read of its socket returns -1 once it closed its side.
      send(s, post(NS + "/workers/lease", lease("w", 2_500)) + get("/healthz"));
      s.shutdownOutput();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"leases\":[]");
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"ok\"");
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", server.server().port());
    s.setSoTimeout(15_000);
    return s;
  }

  private String invoke() {
    return server
        .post(NS + "/invocations", "{\"agent\":\"a\",\"function\":\"f\"}")
        .text("invocation_id");
  }

  private static String lease(String worker, int waitMs) {
    return "{\"worker_id\":\"" + worker + "\",\"agent\":\"a\",\"wait_ms\":" + waitMs + "}";
  }

  private JsonNode leaseOver(HttpClient client, String worker, int waitMs) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(server.url() + NS + "/workers/lease"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(lease(worker, waitMs)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body());
  }

  /** Requests parked in a wait, as the node's metrics report them. */
  private int parked() throws Exception {
    return metrics().stream()
        .filter(l -> l.startsWith("dispatch_http_requests_parked"))
        .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parked gauge in /metrics"));
  }

  private List<String> metrics() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body()
        .lines()
        .toList();
  }

  private String post(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + server.server().port()
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length
        + "\r\n\r\n"
        + json;
  }

  private String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.server().port() + "\r\n\r\n";
  }

  private static void send(Socket s, String request) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  /** One HTTP/1.1 response: its head and its body (by Content-Length or chunked). */
  private static String readResponse(InputStream in) throws IOException {
    String head = line(in);
    StringBuilder out = new StringBuilder(head).append('\n');
    int length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      out.append(h).append('\n');
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (int size = Integer.parseInt(line(in).trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in).trim(), 16)) {
        out.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
        line(in);
      }
      line(in);
    } else if (length > 0) {
      out.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed mid-response: " + b);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }
}
