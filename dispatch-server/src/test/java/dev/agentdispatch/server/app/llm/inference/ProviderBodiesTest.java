package dev.agentdispatch.server.app.llm.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProviderBodiesTest {
  private static final JsonNode TOOLS =
      Json.tree(
          """
          [{"type":"function","function":{"name":"weather","description":"Weather now",
            "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]\
          """);

  private static InferenceRequest request(String messagesJson, double temperature) {
    List<JsonNode> messages = new ArrayList<>();
    Json.tree(messagesJson).forEach(messages::add);
    return new InferenceRequest(
        messages,
        Optional.empty(),
        Optional.empty(),
        Optional.of(TOOLS),
        temperature,
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  @Test
  void anthropicBodyMovesSystemAndRewritesToolTurns() {
    InferenceRequest r =
        request(
            """
            [{"role":"system","content":"Be brief."},
             {"role":"user","content":"Weather in Oslo?"},
             {"role":"assistant","content":"Checking.","tool_calls":[{"id":"c1","type":"function",
               "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"-3 C"}]\
            """,
            1.5);

    JsonNode body = ProviderBodies.anthropic(r, "claude-x");

    assertThat(body.path("system").asString()).isEqualTo("Be brief.");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
    assertThat(body.path("temperature").asDouble()).isEqualTo(1.0);
    JsonNode messages = body.path("messages");
    assertThat(messages.size()).isEqualTo(3);
    JsonNode use = messages.path(1).path("content").path(1);
    assertThat(use.path("type").asString()).isEqualTo("tool_use");
    assertThat(use.path("input").path("city").asString()).isEqualTo("Oslo");
    JsonNode result = messages.path(2).path("content").path(0);
    assertThat(messages.path(2).path("role").asString()).isEqualTo("user");
    assertThat(result.path("tool_use_id").asString()).isEqualTo("c1");
    assertThat(body.path("tools").path(0).path("input_schema").path("type").asString())
        .isEqualTo("object");
  }

  @Test
  void openAiBodyKeepsMessagesAndOptions() {
    JsonNode body =
        ProviderBodies.openAi(request("[{\"role\":\"user\",\"content\":\"hi\"}]", 0.2), "m");
    assertThat(body.path("model").asString()).isEqualTo("m");
    assertThat(body.path("messages").path(0).path("content").asString()).isEqualTo("hi");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("tools").path(0).path("function").path("name").asString())
        .isEqualTo("weather");
    assertThat(body.has("max_tokens")).isFalse();
  }

  @Test
  void badRequestsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> request("[]", 1))
        .isInstanceOf(ServiceException.Invalid.class)
        .hasMessageContaining("'messages'");
    assertThatThrownBy(() -> request("[{\"role\":\"wizard\",\"content\":\"x\"}]", 1))
        .isInstanceOf(ServiceException.Invalid.class)
        .hasMessageContaining("messages[0].role");
    assertThatThrownBy(() -> request("[{\"role\":\"user\",\"content\":\"x\"}]", 2.5))
        .isInstanceOf(ServiceException.Invalid.class)
        .hasMessageContaining("'temperature'");
  }

  @Test
  void answersOfBothFormatsReadAlike() {
    InferenceAnswer openAi =
        InferenceAnswer.fromOpenAi(
            Json.tree(
                """
                {"choices":[{"finish_reason":"tool_calls","message":{"content":null,
                  "tool_calls":[{"id":"c1","type":"function",
                    "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]}}]}\
                """));
    InferenceAnswer anthropic =
        InferenceAnswer.fromAnthropic(
            Json.tree(
                """
                {"stop_reason":"tool_use","content":[{"type":"text","text":"Checking."},
                  {"type":"tool_use","id":"c1","name":"weather","input":{"city":"Oslo"}}]}\
                """));

    assertThat(openAi.content()).isEmpty();
    assertThat(anthropic.content()).contains("Checking.");
    assertThat(openAi.finishReason()).isEqualTo("tool_calls");
    assertThat(anthropic.finishReason()).isEqualTo("tool_calls");
    assertThat(anthropic.toolCalls()).isEqualTo(openAi.toolCalls());
  }
}
