package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad input gets its 4xx with a message that names the problem, and changes nothing.
 */
class BadInputTest {
  private static final String NS = "/v1/namespaces/default";
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1},\"s\":{\"type\":\"string\"}},"
          + "\"required\":[\"n\",\"s\"],\"additionalProperties\":false}";

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    var put =
        server.put(
            NS + "/agents/strict",
            "{\"functions\":[{\"name\":\"fn\",\"input_schema\":" + SCHEMA + "}]}");
    assertThat(put.status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          malformed JSON           | {"agent":"strict",                                                | 400 | malformed JSON
          empty body               |                                                                  | 400 | empty
          JSON array body          | []                                                               | 400 | wrong type
          unknown field            | {"agent":"strict","function":"fn","payload":{},"prio":1}         | 400 | unknown field 'prio'
          missing agent            | {"function":"fn","payload":{}}                                   | 400 | 'agent' is required
          bad agent name           | {"agent":"no spaces","function":"fn","payload":{}}               | 400 | not a valid name
          unknown agent            | {"agent":"ghost","function":"fn","payload":{}}                   | 404 | not registered
          unknown function         | {"agent":"strict","function":"nope","payload":{}}                | 404 | no function 'nope'
          schema violations        | {"agent":"strict","function":"fn","payload":{"n":0,"x":true}}    | 422 | 3 violation(s)
          priority out of range    | {"agent":"strict","function":"fn","payload":{"n":1,"s":""},"priority":12} | 400 | priority
          timeout out of range     | {"agent":"strict","function":"fn","payload":{"n":1,"s":""},"timeout_seconds":0} | 400 | timeout_seconds
          bad jitter               | {"agent":"strict","function":"fn","payload":{"n":1,"s":""},"retry":{"jitter":"some"}} | 400 | jitter
          wrong field type         | {"agent":"strict","function":"fn","payload":{"n":1,"s":""},"priority":"high"} | 400 | priority
          fractional priority      | {"agent":"strict","function":"fn","payload":{"n":1,"s":""},"priority":7.9} | 400 | priority
          empty string for number  | {"agent":"strict","function":"fn","payload":{"n":1,"s":""},"timeout_seconds":""} | 400 | timeout_seconds
          """)
  void invocationRequestsAreRefusedAndNothingIsStored(
      String name, String body, int status, String message) {
    long before = server.invocationCount("default");
    var resp = server.post(NS + "/invocations", body == null ? "" : body);
    assertThat(resp.status()).as(name).isEqualTo(status);
    assertThat(resp.body().path("error").path("message").asString()).as(name).contains(message);
    assertThat(server.invocationCount("default")).as(name).isEqualTo(before);
  }

  @Test
  void schemaViolationsAreAllListed() {
    var resp =
        server.post(
            NS + "/invocations",
            "{\"agent\":\"strict\",\"function\":\"fn\",\"payload\":{\"n\":0,\"x\":true}}");
    var details = resp.body().path("error").path("details");
    assertThat(details.findValuesAsString("keyword"))
        .containsExactlyInAnyOrder("minimum", "required", "additionalProperties");
  }

  @Test
  void payloadOverTheLimitIs413() {
    long before = server.invocationCount("default");
    String big = "x".repeat(2 * 1024 * 1024 + 1);
    var resp =
        server.post(
            NS + "/invocations",
            "{\"agent\":\"strict\",\"function\":\"fn\",\"payload\":{\"n\":1,\"s\":\""
                + big
                + "\"}}");
    assertThat(resp.status()).isEqualTo(413);
    // The service's message names what is too large and the limit (issue 19: it used to be
    // replaced by the generic one).
    assertThat(resp.body().path("error").path("message").asString())
        .contains("payload")
        .doesNotContain("request body is larger");
    assertThat(server.invocationCount("default")).isEqualTo(before);
  }

  @Test
  void badAgentRegistrationsAreRefusedAndLeaveTheOldOne() {
    assertThat(
            server
                .put(NS + "/agents/strict", "{\"functions\":[{\"name\":\"a\"},{\"name\":\"a\"}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            server
                .put(
                    NS + "/agents/strict",
                    "{\"functions\":[{\"name\":\"a\",\"input_schema\":{\"type\":12}}]}")
                .status())
        .isEqualTo(422);
    assertThat(
            server
                .put(
                    NS + "/agents/strict",
                    "{\"functions\":[{\"name\":\"a\",\"triggers\":[{\"type\":\"cron\"}]}]}")
                .status())
        .isEqualTo(400);
    assertThat(server.put(NS + "/agents/bad%20name", "{\"functions\":[]}").status()).isEqualTo(400);
    var agent = server.get(NS + "/agents/strict").body();
    assertThat(agent.path("functions").get(0).path("name").asString()).isEqualTo("fn");
  }

  @Test
  void badWorkerRequestsAreRefused() {
    assertThat(server.post(NS + "/workers/lease", "{\"agent\":\"strict\"}").status())
        .isEqualTo(400);
    assertThat(
            server
                .post(NS + "/workers/lease", "{\"worker_id\":\"w\",\"agent\":\"strict\",\"max\":0}")
                .status())
        .isEqualTo(400);
    assertThat(
            server
                .post(
                    NS + "/workers/lease",
                    "{\"worker_id\":\"w\",\"agent\":\"strict\",\"wait_ms\":600000}")
                .status())
        .isEqualTo(400);
    assertThat(
            server.post(NS + "/workers/complete", "{\"worker_id\":\"w\",\"results\":[]}").status())
        .isEqualTo(400);
    assertThat(
            server
                .post(
                    NS + "/workers/complete",
                    "{\"worker_id\":\"w\",\"results\":[{\"lease_id\":\"l\",\"status\":\"maybe\"}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            server
                .post(
                    NS + "/workers/events",
                    "{\"worker_id\":\"w\",\"lease_id\":\"l\",\"events\":[{\"type\":\"shout\",\"data\":1}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            server
                .post(
                    NS + "/workers/events",
                    "{\"worker_id\":\"w\",\"lease_id\":\"l\",\"events\":[{\"type\":\"log\",\"data\":1}]}")
                .status())
        .isEqualTo(409);
  }

  @Test
  void badQueriesAndUnknownIdsAreRefused() {
    assertThat(server.get(NS + "/invocations?status=done").status()).isEqualTo(400);
    assertThat(server.get(NS + "/invocations?limit=0").status()).isEqualTo(400);
    assertThat(server.get(NS + "/invocations?limit=ten").status()).isEqualTo(400);
    assertThat(server.get(NS + "/invocations/nope").status()).isEqualTo(404);
    assertThat(server.get(NS + "/invocations/nope?wait_seconds=999").status()).isEqualTo(400);
    assertThat(server.post(NS + "/invocations/nope/cancel", "{}").status()).isEqualTo(404);
    assertThat(server.get("/v1/namespaces/bad%20ns/invocations").status()).isEqualTo(400);
    assertThat(server.get("/v1/nothing-here").status()).isEqualTo(404);
  }
}
