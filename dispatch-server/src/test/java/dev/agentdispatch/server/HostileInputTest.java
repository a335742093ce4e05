package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Defects found by attacking the server (issue 19): input built to break a loop, a read or the
 * request path is refused or neutralised, and never answered with a 500.
 */
class HostileInputTest {
  private static final String NS = "/v1/namespaces/default";

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    assertThat(server.put(NS + "/agents/target", "{\"functions\":[{\"name\":\"fn\"}]}").status())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String invoke(String extra) {
    var created =
        server.post(
            NS + "/invocations",
            "{\"agent\":\"target\",\"function\":\"fn\",\"payload\":{}" + extra + "}");
    assertThat(created.status()).as(created.body().toString()).isBetween(200, 202);
    return created.text("invocation_id");
  }

  private static JsonNode lease(String worker, int leaseSeconds) {
    var leased =
        server.post(
            NS + "/workers/lease",
            "{\"worker_id\":\""
                + worker
                + "\",\"agent\":\"target\",\"max\":10,\"wait_ms\":2000,\"lease_seconds\":"
                + leaseSeconds
                + "}");
    assertThat(leased.status()).isEqualTo(200);
    return leased.body().path("leases");
  }

  @Test
  void backoffsBeyondADayAreRefusedAtAdmission() {
    long before = server.invocationCount("default");
    var resp =
        server.post(
            NS + "/invocations",
            "{\"agent\":\"target\",\"function\":\"fn\",\"payload\":{},"
                + "\"retry\":{\"initial_backoff_ms\":9223372036854775807,\"jitter\":\"none\"}}");
    assertThat(resp.status()).isEqualTo(400);
    assertThat(resp.body().path("error").path("message").asString()).contains("initial_backoff_ms");
    assertThat(server.invocationCount("default")).isEqualTo(before);

    var agent =
        server.put(
            NS + "/agents/greedy",
            "{\"functions\":[{\"name\":\"fn\",\"retry\":{\"max_backoff_ms\":86400001}}]}");
    assertThat(agent.status()).isEqualTo(400);
    assertThat(agent.body().path("error").path("message").asString()).contains("max_backoff_ms");
  }

  /**
   * A row stored before backoffs were bounded (written here straight into the database, as it would
   * survive an upgrade) used to make every lease sweep overflow, so no expired lease on the node
   * was recovered.
   */
  @Test
  void anOldRowWithAnEndlessBackoffDoesNotStopLeaseRecovery() throws Exception {
    String poisoned = invoke(",\"retry\":{\"jitter\":\"none\"}");
    String innocent = invoke("");
    JsonNode leases = lease("doomed", 1);
    assertThat(leases.size()).isEqualTo(2);
    server.close(); // the server holds the database file; the old row is written while it is down
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("dispatch.db"));
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE invocations SET retry_initial_ms=?, retry_max_ms=? WHERE id=?")) {
      ps.setLong(1, Long.MAX_VALUE);
      ps.setLong(2, Long.MAX_VALUE);
      ps.setString(3, poisoned);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    server = TestServer.start(dir);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> {
          assertThat(status(innocent)).isEqualTo("pending");
          assertThat(status(poisoned)).isEqualTo("pending");
        });
    Instant retryAt =
        Instant.parse(server.get(NS + "/invocations/" + poisoned).text("available_at"));
    assertThat(retryAt).isBefore(Instant.now().plus(Duration.ofDays(1)).plusSeconds(60));
  }

  private static String status(String id) {
    return server.get(NS + "/invocations/" + id).text("status");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1,\"injected\":true,\"x\":{",
        "\"quoted\"",
        "]}",
      })
  void errorDetailsCannotBreakTheJsonOfReads(String details) {
    String id = invoke(",\"retry\":{\"max_attempts\":1}");
    String leaseId = lease("w-details", 30).path(0).path("lease_id").asString();
    var completed =
        server.post(
            NS + "/workers/complete",
            "{\"worker_id\":\"w-details\",\"results\":[{\"lease_id\":\""
                + leaseId
                + "\",\"status\":\"error\",\"error\":{\"error\":\"boom\",\"details\":"
                + TestServer.JSON.writeValueAsString(details)
                + "}}]}");
    assertThat(completed.status()).isEqualTo(200);

    // Each read parses as JSON (TestServer fails otherwise) and gives the details back as sent.
    var one = server.get(NS + "/invocations/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body().path("error").path("details").asString()).isEqualTo(details);
    assertThat(server.get(NS + "/invocations?status=error").status()).isEqualTo(200);
    assertThat(server.get(NS + "/dead-letters").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /workers/lease     | {"worker_id":"w","agent":"target","functions":[null],"wait_ms":0} | null is not allowed
          /workers/heartbeat | {"worker_id":"w","lease_ids":[null]} | null is not allowed
          /workers/complete  | {"worker_id":"w","results":[{"lease_id":"l","status":"completed","consumed_inputs":[null]}]} | null is not allowed
          /workers/events    | {"worker_id":"w","lease_id":"l","events":[{}]} | event type
          /workers/events    | {"worker_id":"w","lease_id":"l","events":[null]} | null is not allowed
          /invocations       | {"agent":"target","function":"fn","payload":{},"retry":{"non_retryable_errors":[null]}} | null is not allowed
          /invocations/batch | {"invocations":[null]} | null is not allowed
          """)
  void nullItemsInListsAreRefusedNamingTheField(String path, String body, String message) {
    long before = server.invocationCount("default");
    var resp = server.post(NS + path, body);
    assertThat(resp.status()).as(path + " " + resp.body()).isEqualTo(400);
    assertThat(resp.body().path("error").path("message").asString()).as(path).contains(message);
    assertThat(server.invocationCount("default")).isEqualTo(before);
  }

  /** Sends a raw HTTP/1.1 request (so Host and Content-Length can lie) and returns the status. */
  private static int raw(String head, String body) throws Exception {
    int port = URI.create(server.url()).getPort();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      String status =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  @Test
  void browserSimpleRequestsAndForeignHostsAreRefused() throws Exception {
    // An agent of its own, so the invocations this test creates are leased by no other test.
    assertThat(server.put(NS + "/agents/browsed", "{\"functions\":[{\"name\":\"fn\"}]}").status())
        .isEqualTo(200);
    long before = server.invocationCount("default");
    String body = "{\"agent\":\"browsed\",\"function\":\"fn\",\"payload\":{}}";
    String post = "POST " + NS + "/invocations HTTP/1.1\r\nContent-Length: " + body.length();
    assertThat(raw(post + "\r\nHost: 127.0.0.1\r\nContent-Type: text/plain", body)).isEqualTo(415);
    assertThat(
            raw(
                post + "\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded",
                body))
        .isEqualTo(415);
    assertThat(raw(post + "\r\nHost: rebound.example:7070\r\nContent-Type: application/json", body))
        .isEqualTo(403);
    assertThat(
            raw(
                post
                    + "\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example"
                    + "\r\nContent-Type: application/json",
                body))
        .isEqualTo(403);
    assertThat(server.invocationCount("default")).isEqualTo(before);
    // The same request from a loopback origin, and from a client that sends none, is taken.
    assertThat(
            raw(
                post
                    + "\r\nHost: localhost:1\r\nOrigin: http://localhost:3000"
                    + "\r\nContent-Type: application/json",
                body))
        .isEqualTo(202);
    assertThat(raw(post + "\r\nHost: [::1]:7070", body)).isEqualTo(202);
  }

  @Test
  void aBodyDeclaredTooLargeIsRefusedBeforeItIsSent() throws Exception {
    // Only the head is sent: the answer must come without the server waiting for 100 MB.
    assertThat(
            raw(
                "POST "
                    + NS
                    + "/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                    + "\r\nContent-Length: 100000000",
                ""))
        .isEqualTo(413);
  }

  private static String many(int n, String item) {
    return "[" + String.join(",", java.util.Collections.nCopies(n, item)) + "]";
  }

  @Test
  void oversizedListsAreRefusedAtAdmissionNotByTheDatabase() {
    long before = server.invocationCount("default");
    var lease =
        server.post(
            NS + "/workers/lease",
            "{\"worker_id\":\"w\",\"agent\":\"target\",\"wait_ms\":0,\"functions\":"
                + many(300_000, "\"fn\"")
                + "}");
    assertThat(lease.status()).isEqualTo(400);
    assertThat(lease.body().path("error").path("message").asString())
        .contains("'functions' lists 300000 items; at most 1000");
    var heartbeat =
        server.post(
            NS + "/workers/heartbeat",
            "{\"worker_id\":\"w\",\"lease_ids\":" + many(1001, "\"l\"") + "}");
    assertThat(heartbeat.status()).isEqualTo(400);
    var invoke =
        server.post(
            NS + "/invocations",
            "{\"agent\":\"target\",\"function\":\"fn\",\"payload\":{},"
                + "\"retry\":{\"non_retryable_errors\":"
                + many(1001, "\"E\"")
                + "}}");
    assertThat(invoke.status()).isEqualTo(400);
    assertThat(server.invocationCount("default")).isEqualTo(before);
  }

  /** Counts the nodes of a trace tree, however they are nested. */
  private static int nodes(JsonNode level) {
    int n = 0;
    for (JsonNode node : level) {
      n += 1 + nodes(node.path("children"));
    }
    return n;
  }

  @Test
  void aChainOfThreeHundredCallsIsATraceBothDoorsCanShow() {
    assertThat(server.put(NS + "/agents/chain", "{\"functions\":[{\"name\":\"fn\"}]}").status())
        .isEqualTo(200);
    String trace = "deep-" + System.nanoTime();
    String parent = null;
    for (int i = 0; i < 300; i++) {
      var created =
          server.post(
              NS + "/invocations",
              "{\"agent\":\"chain\",\"function\":\"fn\",\"payload\":{},\"trace_id\":\""
                  + trace
                  + "\""
                  + (parent == null ? "" : ",\"parent_id\":\"" + parent + "\"")
                  + "}");
      assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
      parent = created.text("invocation_id");
    }
    var nativeTrace = server.get(NS + "/traces/" + trace);
    assertThat(nativeTrace.status()).isEqualTo(200);
    assertThat(nodes(nativeTrace.body().path("roots"))).isEqualTo(300);
    var cliTrace = server.get("/api/unstable/namespace/default/events/trace/" + trace);
    assertThat(cliTrace.status()).isEqualTo(200);
    assertThat(nodes(cliTrace.body().path("events"))).isEqualTo(300);
  }
}
