package dev.agentdispatch.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * What {@link FuzzTest} found, one request each, so each stays fixed even when a change of the
 * fuzzer's generators would no longer send it: a clean 4xx naming the problem, nothing stored.
 */
class FuzzFindingsTest {
  private static final String NS = "/v1/namespaces/default";

  @org.junit.jupiter.api.io.TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void refused(TestServer.Response r, int status, String names) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
    assertThat(r.body().path("error").path("code").asString()).isNotEmpty();
    assertThat(r.body().path("error").path("message").asString()).contains(names);
  }

  /** Amounts of dollars beyond a long of micro-dollars, or not finite, used to give 500. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cache_write_per_mtok|18446744073709551616",
        "input_per_mtok|1e400",
        "output_per_mtok|-1e400",
        "input_per_mtok|1000000.000001",
      })
  void pricesBeyondTheirBoundAreRefused(String field, String value) {
    String body = "{\"input_per_mtok\":1,\"output_per_mtok\":1,\"" + field + "\":" + value + "}";
    refused(server.put(NS + "/llm/pricing/fuzz-model", body), 400, field);
    assertThat(server.get(NS + "/llm/pricing/fuzz-model").text("source")).isNotEqualTo("namespace");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "1e300", "1000000000.5"})
  void budgetsBeyondTheirBoundAreRefused(String value) {
    refused(
        server.put(NS + "/llm/budget", "{\"monthly_budget_usd\":" + value + "}"),
        400,
        "monthly_budget_usd");
    refused(
        server.put(
            NS + "/agents/fuzz-budget",
            "{\"functions\":[{\"name\":\"f\"}],\"monthly_budget_usd\":" + value + "}"),
        400,
        "monthly_budget_usd");
    assertThat(server.get(NS + "/agents/fuzz-budget").status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"input_tokens", "output_tokens", "cache_read_tokens"})
  void reportedCallsWithEndlessTokenCountsAreRefused(String field) {
    assertThat(
            server
                .put(
                    NS + "/llm/pricing/fuzz-priced",
                    "{\"input_per_mtok\":3,\"output_per_mtok\":15}")
                .status())
        .isEqualTo(200);
    String body =
        "{\"model\":\"fuzz-priced\",\"provider\":\"p\",\"input_tokens\":1,\"output_tokens\":1,\""
            + field
            + "\":9223372036854775807}";
    refused(server.post(NS + "/llm/calls", body), 400, field);
    assertThat(server.get(NS + "/llm/calls").body().path("items")).isEmpty();
  }

  /** A field takes its documented JSON type: a number or boolean used to become a name. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/workers/lease|{\"worker_id\":\"w\",\"agent\":18446744073709551616}|agent",
        "/invocations|{\"agent\":1,\"function\":\"f\"}|agent",
        "/invocations|{\"agent\":\"a\",\"function\":true}|function",
        "/invocations|{\"agent\":\"a\",\"function\":\"f\",\"priority\":\"5\"}|priority",
        "/events|{\"topic\":2.5,\"payload\":{}}|topic",
      })
  void scalarsOfTheWrongTypeAreRefused(String path, String body, String field) {
    refused(server.post(NS + path, body), 400, field);
    assertThat(server.invocationCount("default")).isZero();
  }

  /**
   * Requests Jetty refuses before a route runs were answered with its HTML page, or an empty body
   * for methods other than GET and POST.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PUT|/llm/aliases/<script>|400",
        "DELETE|/sessions/..\\..\\windows|400",
        "GET|/sessions/%00/history|400",
        "GET|/agents/%zz|400",
        "PATCH|/schedules/LONG|414",
        "POST|/invocations|431",
      })
  void refusalsBelowTheRoutesAreJsonErrors(String method, String path, int status) {
    String target = NS + path.replace("LONG", "x".repeat(20_000));
    Map<String, String> headers =
        status == 431 ? Map.of("X-Big", "y".repeat(20_000)) : Map.of("Accept", "text/html");
    FuzzHttp.Answer a =
        FuzzHttp.send(
            server.server().port(),
            new FuzzHttp.Request(method, target, headers, "{}".getBytes()),
            Duration.ofSeconds(10));
    assertThat(a.status()).isEqualTo(status);
    assertThat(a.contentType()).startsWith("application/json");
    JsonNode error = TestServer.JSON.readTree(a.body()).path("error");
    assertThat(error.path("code").asString()).isNotEmpty();
    assertThat(error.path("message").asString()).isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void aModelProxyPathTakesItsProvidersShapeBelowTheRoutesToo() {
    FuzzHttp.Answer a =
        FuzzHttp.send(
            server.server().port(),
            new FuzzHttp.Request(
                "POST", NS + "/llm/anthropic/v1/messages/<x>", Map.of(), "{}".getBytes()),
            Duration.ofSeconds(10));
    assertThat(a.status()).isEqualTo(400);
    JsonNode body = TestServer.JSON.readTree(a.body());
    assertThat(body.path("type").asString()).isEqualTo("error");
    assertThat(body.path("error").path("message").asString()).isNotEmpty();
  }
}
