package dev.agentdispatch.sdk.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * Ready LangChain4j models on the gateway, attributed to the running invocation. The LangChain4j
 * modules are optional dependencies of the SDK: add {@code langchain4j-open-ai} and/or {@code
 * langchain4j-anthropic} to use the matching method.
 */
public final class LangChain4jModels {
  private LangChain4jModels() {}

  /**
   * An OpenAI-format chat model served by the gateway.
   *
   * @param access from {@code ctx.llm()}
   * @param model the model (or an alias the server knows)
   * @return the model
   */
  public static ChatModel openAi(LlmAccess access, String model) {
    return OpenAiChatModel.builder()
        .baseUrl(access.openAiBaseUrl().toString())
        .apiKey(access.apiKey())
        .customHeaders(access.headers())
        .modelName(model)
        .build();
  }

  /**
   * A streaming OpenAI-format chat model served by the gateway.
   *
   * @param access from {@code ctx.llm()}
   * @param model the model
   * @return the model
   */
  public static StreamingChatModel openAiStreaming(LlmAccess access, String model) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(access.openAiBaseUrl().toString())
        .apiKey(access.apiKey())
        .customHeaders(access.headers())
        .modelName(model)
        .build();
  }

  /**
   * An Anthropic-format chat model served by the gateway.
   *
   * @param access from {@code ctx.llm()}
   * @param model the model
   * @return the model
   */
  public static ChatModel anthropic(LlmAccess access, String model) {
    return AnthropicChatModel.builder()
        .baseUrl(access.anthropicBaseUrl() + "/v1")
        .apiKey(access.apiKey())
        .customHeaders(access.headers())
        .modelName(model)
        .build();
  }

  /**
   * A streaming Anthropic-format chat model served by the gateway.
   *
   * @param access from {@code ctx.llm()}
   * @param model the model
   * @return the model
   */
  public static StreamingChatModel anthropicStreaming(LlmAccess access, String model) {
    return AnthropicStreamingChatModel.builder()
        .baseUrl(access.anthropicBaseUrl() + "/v1")
        .apiKey(access.apiKey())
        .customHeaders(access.headers())
        .modelName(model)
        .build();
  }
}
