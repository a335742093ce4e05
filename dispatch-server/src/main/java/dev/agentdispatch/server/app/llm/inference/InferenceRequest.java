package dev.agentdispatch.server.app.llm.inference;

import dev.agentdispatch.server.app.ServiceException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A provider-neutral chat request (the dispatch-agents {@code /llm/inference} body): messages in
 * OpenAI's chat shape, which the gateway rewrites for whichever provider format serves the model.
 *
 * @param messages chat messages ({@code role}, {@code content}, and for tool turns {@code
 *     tool_calls} / {@code tool_call_id}); at least one
 * @param model the model, or empty for the provider's default
 * @param provider a configured provider's name or a format ({@code openai}, {@code anthropic}), or
 *     empty for any
 * @param tools tool definitions in OpenAI's function format, if any
 * @param temperature sampling temperature, 0 to 2
 * @param maxTokens the output cap, if any
 * @param responseFormat OpenAI's {@code response_format}, if any (honoured by OpenAI-format
 *     providers only)
 * @param extraHeaders headers to forward to the provider
 */
public record InferenceRequest(
    List<JsonNode> messages,
    Optional<String> model,
    Optional<String> provider,
    Optional<JsonNode> tools,
    double temperature,
    Optional<Integer> maxTokens,
    Optional<JsonNode> responseFormat,
    Map<String, String> extraHeaders) {

  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  public InferenceRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new ServiceException.Invalid("'messages' must hold at least one message");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").isString() ? m.path("role").asString() : "";
      if (!ROLES.contains(role)) {
        throw new ServiceException.Invalid(
            "'messages[" + i + "].role' must be one of system, user, assistant, tool");
      }
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(tools, "tools");
    if (tools.isPresent() && !tools.get().isArray()) {
      throw new ServiceException.Invalid("'tools' must be a list of tool definitions");
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new ServiceException.Invalid("'temperature' must be between 0 and 2");
    }
    Objects.requireNonNull(maxTokens, "maxTokens");
    if (maxTokens.isPresent() && maxTokens.get() < 1) {
      throw new ServiceException.Invalid("'max_tokens' must be at least 1");
    }
    Objects.requireNonNull(responseFormat, "responseFormat");
    extraHeaders = Map.copyOf(extraHeaders);
  }
}
