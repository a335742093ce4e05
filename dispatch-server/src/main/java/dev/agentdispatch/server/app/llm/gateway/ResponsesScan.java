package dev.agentdispatch.server.app.llm.gateway;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI responses: {@code usage} in the answer, or in a stream's terminal {@code
 * response.completed} (or {@code .incomplete}, {@code .failed}) event.
 */
final class ResponsesScan extends AnswerScan {

  @Override
  protected void body(JsonNode answer) {
    model = text(answer.path("model"));
    JsonNode u = answer.path("usage");
    if (u.isObject()) {
      usage =
          withCached(
              u.path("input_tokens").asLong(0),
              u.path("output_tokens").asLong(0),
              u.path("input_tokens_details").path("cached_tokens").asLong(0));
    }
    finishReason = Optional.of(finish(answer));
  }

  @Override
  protected void data(String payload) {
    if (!payload.contains("\"type\":\"response.completed\"")
        && !payload.contains("\"type\":\"response.incomplete\"")
        && !payload.contains("\"type\":\"response.failed\"")
        && !payload.contains("\"type\":\"error\"")) {
      return;
    }
    parse(payload)
        .ifPresent(event -> {
          terminated = true;
          if (event.path("type").asString("").equals("error")) {
            streamError = text(event.path("message"));
          } else {
            body(event.path("response"));
          }
        });
  }

  private static String finish(JsonNode response) {
    String status = response.path("status").asString("completed");
    if (status.equals("incomplete")) {
      String why = response.path("incomplete_details").path("reason").asString("");
      return why.equals("content_filter") ? "content_filter" : "length";
    }
    if (status.equals("failed")) {
      return "error";
    }
    for (JsonNode item : response.path("output")) {
      if (item.path("type").asString("").equals("function_call")) {
        return "tool_calls";
      }
    }
    return "stop";
  }
}
