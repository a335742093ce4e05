package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.server.app.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads what the ledger needs from a provider's answer as it passes: token usage, the finish
 * reason, the model that answered and, for a stream, whether it reached its terminal event. A
 * stream is scanned line by line as its bytes go by; only the few {@code data:} lines that carry
 * usage, a finish reason or the end are parsed.
 */
abstract sealed class AnswerScan
    permits OpenAiChatScan, ResponsesScan, EmbeddingsScan, AnthropicScan {
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

  protected TokenUsage usage = TokenUsage.NONE;
  protected Optional<String> finishReason = Optional.empty();
  protected Optional<String> model = Optional.empty();
  protected Optional<String> streamError = Optional.empty();
  protected boolean terminated;

  private byte[] line = new byte[512];
  private int lineLength;

  /** The scan for answers of {@code endpoint}. */
  static AnswerScan of(Endpoint endpoint) {
    return switch (endpoint) {
      case CHAT_COMPLETIONS -> new OpenAiChatScan();
      case RESPONSES -> new ResponsesScan();
      case EMBEDDINGS -> new EmbeddingsScan();
      case MESSAGES -> new AnthropicScan();
    };
  }

  /** Reads a whole (non-streamed) answer. */
  final void whole(byte[] body) {
    parse(new String(body, StandardCharsets.UTF_8)).ifPresent(this::body);
  }

  /** Reads the next bytes of a stream. */
  final void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        endLine();
      } else if (b != '\r') {
        if (lineLength == line.length) {
          line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
      }
    }
  }

  TokenUsage usage() {
    return usage;
  }

  Optional<String> finishReason() {
    return finishReason;
  }

  Optional<String> model() {
    return model;
  }

  /** An error the provider reported inside the stream, if it did. */
  Optional<String> streamError() {
    return streamError;
  }

  /** Whether the stream reached its terminal event. */
  boolean terminated() {
    return terminated;
  }

  /** Reads a whole answer's JSON. */
  protected abstract void body(JsonNode answer);

  /** Reads one {@code data:} line of a stream (without the prefix). */
  protected abstract void data(String payload);

  protected static Optional<JsonNode> parse(String json) {
    try {
      return Optional.ofNullable(Json.MAPPER.readTree(json)).filter(JsonNode::isObject);
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  protected static Optional<String> text(JsonNode node) {
    return node.isString() && !node.asString().isEmpty()
        ? Optional.of(node.asString())
        : Optional.empty();
  }

  /** Input tokens less the cached ones, which are priced (and recorded) apart. */
  protected static TokenUsage withCached(long input, long output, long cached) {
    long c = Math.max(0, Math.min(cached, input));
    return new TokenUsage(input - c, Math.max(0, output), c, 0);
  }

  private void endLine() {
    int n = lineLength;
    lineLength = 0;
    if (n < DATA.length || !Arrays.equals(line, 0, DATA.length, DATA, 0, DATA.length)) {
      return;
    }
    int start = DATA.length;
    if (start < n && line[start] == ' ') {
      start++;
    }
    data(new String(line, start, n - start, StandardCharsets.UTF_8));
  }
}
