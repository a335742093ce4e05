package dev.agentdispatch.server.app.llm.gateway;

import tools.jackson.databind.JsonNode;

/** OpenAI chat completions: {@code usage} in the answer, or in a stream's last chunk. */
final class OpenAiChatScan extends AnswerScan {

  @Override
  protected void body(JsonNode answer) {
    model = text(answer.path("model"));
    usage(answer.path("usage"));
    finish(answer);
  }

  @Override
  protected void data(String payload) {
    if (payload.equals("[DONE]")) {
      terminated = true;
      return;
    }
    boolean wanted =
        model.isEmpty()
            || payload.contains("\"usage\":{")
            || payload.contains("\"finish_reason\":\"")
            || payload.startsWith("{\"error\"");
    if (!wanted) {
      return;
    }
    parse(payload)
        .ifPresent(chunk -> {
          if (model.isEmpty()) {
            model = text(chunk.path("model"));
          }
          usage(chunk.path("usage"));
          finish(chunk);
          if (chunk.has("error")) {
            streamError =
                text(chunk.path("error").path("message")).or(() -> text(chunk.path("error")));
          }
        });
  }

  private void usage(JsonNode u) {
    if (u.isObject()) {
      usage =
          withCached(
              u.path("prompt_tokens").asLong(0),
              u.path("completion_tokens").asLong(0),
              u.path("prompt_tokens_details").path("cached_tokens").asLong(0));
    }
  }

  private void finish(JsonNode answer) {
    JsonNode choice = answer.path("choices").path(0);
    text(choice.path("finish_reason")).ifPresent(r -> finishReason = java.util.Optional.of(r));
  }
}
