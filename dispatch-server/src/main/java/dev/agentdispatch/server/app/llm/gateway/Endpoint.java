package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.LlmFormat;

/** The provider endpoints the gateway forwards, each under its provider's base URL. */
public enum Endpoint {
  CHAT_COMPLETIONS(LlmFormat.OPENAI, "/chat/completions"),
  RESPONSES(LlmFormat.OPENAI, "/responses"),
  EMBEDDINGS(LlmFormat.OPENAI, "/embeddings"),
  MESSAGES(LlmFormat.ANTHROPIC, "/messages");

  private final LlmFormat format;
  private final String path;

  Endpoint(LlmFormat format, String path) {
    this.format = format;
    this.path = path;
  }

  /** The wire format the endpoint speaks. */
  public LlmFormat format() {
    return format;
  }

  /** The path after the provider's base URL, e.g. {@code /chat/completions}. */
  public String path() {
    return path;
  }
}
