package dev.agentdispatch.server.app.llm.inference;

import dev.agentdispatch.server.app.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A provider's answer to an {@link InferenceRequest}, in the provider-neutral shape the
 * dispatch-agents SDK parses: text, tool calls in OpenAI's form, and a normalised finish reason.
 */
public record InferenceAnswer(
    Optional<String> content, List<ToolCall> toolCalls, String finishReason) {

  /** One tool call; {@code arguments} is a JSON string, as OpenAI sends it. */
  public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  public InferenceAnswer {
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(finishReason, "finishReason");
  }

  /** Reads an OpenAI chat-completions response. */
  public static InferenceAnswer fromOpenAi(JsonNode response) {
    JsonNode choice = response.path("choices").path(0);
    JsonNode message = choice.path("message");
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode args = call.path("function").path("arguments");
      calls.add(
          new ToolCall(
              call.path("id").asString(""),
              call.path("function").path("name").asString(""),
              args.isString() ? args.asString() : Json.write(args)));
    }
    JsonNode content = message.path("content");
    return new InferenceAnswer(
        content.isString() ? Optional.of(content.asString()) : Optional.empty(),
        calls,
        FinishReasons.normalise(choice.path("finish_reason").asString("stop")));
  }

  /** Reads an Anthropic messages response: text blocks joined, tool_use blocks as tool calls. */
  public static InferenceAnswer fromAnthropic(JsonNode response) {
    StringBuilder text = new StringBuilder();
    boolean anyText = false;
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : response.path("content")) {
      switch (block.path("type").asString("")) {
        case "text" -> {
          text.append(block.path("text").asString(""));
          anyText = true;
        }
        case "tool_use" ->
            calls.add(
                new ToolCall(
                    block.path("id").asString(""),
                    block.path("name").asString(""),
                    Json.write(block.path("input"))));
        default -> {
          // thinking and other blocks carry nothing the neutral answer has room for
        }
      }
    }
    return new InferenceAnswer(
        anyText ? Optional.of(text.toString()) : Optional.empty(),
        calls,
        FinishReasons.normalise(response.path("stop_reason").asString("end_turn")));
  }
}
