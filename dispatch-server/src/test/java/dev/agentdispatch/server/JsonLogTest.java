package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.config.LogFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code --log-format json}: a server in its own process writes one JSON object a line, and a line
 * logged on behalf of a request carries the ids of the work it is about.
 */
class JsonLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void everyLineIsJsonAndALineAboutAModelCallNamesItsInvocationAndTrace(@TempDir Path dir)
      throws Exception {
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    try (ServerProcess server =
        ServerProcess.start(
            "sqlite:" + dir.resolve("s.db"), List.of("--log-format", "json"), lines::add)) {
      String base = server.url() + "/v1/namespaces/default";
      // A provider whose key variable is not set is skipped with a warning: a line logged while
      // the model call is handled.
      assertThat(
              send(
                  "PUT",
                  base + "/llm/providers/keyless",
                  """
                  {"format": "openai", "base_url": "http://127.0.0.1:9", "models": ["m-1"],
                   "api_key_env": "DISPATCH_JSON_LOG_TEST_UNSET_KEY"}\
                  """,
                  Optional.empty()))
          .isEqualTo(200);
      int status =
          send(
              "POST",
              base + "/llm/openai/v1/chat/completions",
              """
              {"model": "m-1", "messages": [{"role": "user", "content": "hi"}]}\
              """,
              Optional.of(new String[] {"inv-json-log-1", "trace-json-log-1", "writer"}));
      assertThat(status).isGreaterThanOrEqualTo(400);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> lines.stream().anyMatch(l -> l.contains("DISPATCH_JSON_LOG_TEST_UNSET_KEY")));
      JsonNode skipped =
          JSON.readTree(
              lines.stream()
                  .filter(l -> l.contains("DISPATCH_JSON_LOG_TEST_UNSET_KEY"))
                  .findFirst()
                  .orElseThrow());
      assertThat(skipped.path("level").asString()).isEqualTo("WARN");
      assertThat(skipped.path("formattedMessage").asString())
          .contains("provider 'keyless' skipped");
      JsonNode mdc = skipped.path("mdc");
      assertThat(mdc.path("invocation_id").asString()).isEqualTo("inv-json-log-1");
      assertThat(mdc.path("trace_id").asString()).isEqualTo("trace-json-log-1");
      assertThat(mdc.path("agent").asString()).isEqualTo("writer");
      assertThat(mdc.path("namespace").asString()).isEqualTo("default");
      for (String line : lines) {
        assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
      }
    }
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheChoices() {
    assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogFormat.parse("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'xml'")
        .hasMessageContaining("text or json");
  }

  /**
   * Sends a request; {@code who} is invocation id, trace id and agent for the X-Dispatch headers.
   */
  private static int send(String method, String url, String body, Optional<String[]> who)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    who.ifPresent(w ->
        b.header("X-Dispatch-Invocation-Id", w[0])
            .header("X-Dispatch-Trace-Id", w[1])
            .header("X-Dispatch-Agent-Name", w[2]));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
