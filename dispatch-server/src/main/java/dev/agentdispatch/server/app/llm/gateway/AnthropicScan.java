package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.TokenUsage;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic messages: {@code usage} in the answer; in a stream, input and cache tokens in {@code
 * message_start} and the output tokens (a running total) in {@code message_delta}.
 */
final class AnthropicScan extends AnswerScan {

  @Override
  protected void body(JsonNode answer) {
    model = text(answer.path("model"));
    usage(answer.path("usage"));
    stop(answer.path("stop_reason"));
  }

  @Override
  protected void data(String payload) {
    if (payload.startsWith("{\"type\":\"message_stop\"")
        || payload.contains("\"type\":\"message_stop\"")) {
      terminated = true;
      return;
    }
    if (!payload.contains("\"type\":\"message_start\"")
        && !payload.contains("\"type\":\"message_delta\"")
        && !payload.contains("\"type\":\"error\"")) {
      return;
    }
    parse(payload).ifPresent(this::event);
  }

  private void event(JsonNode e) {
    switch (e.path("type").asString("")) {
      case "message_start" -> body(e.path("message"));
      case "message_delta" -> {
        usage(e.path("usage"));
        stop(e.path("delta").path("stop_reason"));
      }
      case "error" -> {
        streamError = text(e.path("error").path("message"));
        terminated = true;
      }
      default -> {}
    }
  }

  /** Takes the counts present in {@code u}, keeping earlier ones it does not repeat. */
  private void usage(JsonNode u) {
    if (!u.isObject()) {
      return;
    }
    usage =
        new TokenUsage(
            u.path("input_tokens").asLong(usage.input()),
            u.path("output_tokens").asLong(usage.output()),
            u.path("cache_read_input_tokens").asLong(usage.cacheRead()),
            u.path("cache_creation_input_tokens").asLong(usage.cacheWrite()));
  }

  private void stop(JsonNode reason) {
    text(reason).map(AnthropicScan::normalised).ifPresent(r -> finishReason = Optional.of(r));
  }

  /** Anthropic's stop reasons in OpenAI's terms, which the ledger records. */
  static String normalised(String stopReason) {
    return switch (stopReason) {
      case "end_turn", "stop_sequence", "pause_turn" -> "stop";
      case "tool_use" -> "tool_calls";
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "refusal" -> "content_filter";
      default -> stopReason;
    };
  }
}
