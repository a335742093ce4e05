package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.TokenUsage;
import tools.jackson.databind.JsonNode;

/** OpenAI embeddings: only input tokens, never streamed. */
final class EmbeddingsScan extends AnswerScan {

  @Override
  protected void body(JsonNode answer) {
    model = text(answer.path("model"));
    usage = new TokenUsage(answer.path("usage").path("prompt_tokens").asLong(0), 0, 0, 0);
  }

  @Override
  protected void data(String payload) {
    // Embeddings are never streamed.
  }
}
