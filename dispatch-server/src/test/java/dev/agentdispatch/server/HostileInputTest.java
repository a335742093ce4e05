package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
}
