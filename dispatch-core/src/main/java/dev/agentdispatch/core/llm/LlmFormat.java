package dev.agentdispatch.core.llm;

import dev.agentdispatch.core.wire.WireEnum;

/** The wire format a model provider speaks; the gateway forwards each format unchanged. */
public enum LlmFormat implements WireEnum {
  /** OpenAI's chat completions / responses / embeddings API (and the many servers that copy it). */
  OPENAI,
  /** Anthropic's messages API. */
  ANTHROPIC
}
