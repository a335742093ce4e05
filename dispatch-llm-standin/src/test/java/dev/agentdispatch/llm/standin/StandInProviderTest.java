package dev.agentdispatch.llm.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StandInProviderTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final StandInProvider p = StandInProvider.start();

  @AfterEach
  void stop() {
    p.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(p.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer k")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void openAiStreamEndsWithAUsageChunkAndDoneWhenAskedFor() throws Exception {
    HttpResponse<String> r =
        post(
            "/chat/completions",
            "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"one two\"}]}");
    assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
    assertThat(r.body())
        .contains("\"content\":\" two\"")
        .contains("\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"total_tokens\":5")
        .endsWith("data: [DONE]\n\n");
    assertThat(p.requests("/v1/chat/completions")).isEqualTo(1);
    assertThat(p.lastRequest().orElseThrow().header("authorization")).contains("Bearer k");
  }

  @Test
  void anthropicStreamCarriesUsageInMessageStartAndDelta() throws Exception {
    HttpResponse<String> r =
        post(
            "/messages",
            "{\"model\":\"m\",\"stream\":true,\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}");
    assertThat(r.body())
        .startsWith("event: message_start\n")
        .contains("\"input_tokens\":3")
        .contains("\"stop_reason\":\"end_turn\"")
        .contains("\"usage\":{\"output_tokens\":4}")
        .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void toolsAreCalledUntilAToolResultComesBack() throws Exception {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}]";
    assertThat(
            post(
                    "/chat/completions",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]," + tools + "}")
                .body())
        .contains("\"tool_calls\":[{")
        .contains("\"finish_reason\":\"tool_calls\"");
    assertThat(
            post(
                    "/chat/completions",
                    "{\"messages\":[{\"role\":\"tool\",\"content\":\"sunny\"}]," + tools + "}")
                .body())
        .contains("\"content\":\"echo: sunny\"");
  }

  @Test
  void scriptedFaultsApplyToTheNextRequestsInOrder() throws Exception {
    p.failNext(1, 429, Optional.of(Duration.ofSeconds(2))).enqueue(new Fault.Cut(2));
    String body = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c d\"}]}";

    HttpResponse<String> limited = post("/chat/completions", body);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).contains("2");
    assertThat(limited.body()).contains("\"type\":\"rate_limit_error\"");

    assertThatThrownBy(() -> post("/chat/completions", body)).isInstanceOf(IOException.class);
    assertThat(post("/chat/completions", body).body()).endsWith("data: [DONE]\n\n");
    assertThat(p.requests()).isEqualTo(3);
  }
}
