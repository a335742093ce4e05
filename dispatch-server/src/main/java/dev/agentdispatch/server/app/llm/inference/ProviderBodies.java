package dev.agentdispatch.server.app.llm.inference;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a provider-neutral {@link InferenceRequest} as the body a provider of each format expects.
 * The Anthropic form follows the conversion of the dispatch-agents local router, so an agent sees
 * the same behaviour on both backends: system messages become {@code system}, tool results become
 * {@code tool_result} blocks, assistant tool calls become {@code tool_use} blocks.
 */
public final class ProviderBodies {
  /** Anthropic requires an output cap; the reference router uses this one when none is given. */
  static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

  private ProviderBodies() {}

  /** The OpenAI chat-completions body. */
  public static ObjectNode openAi(InferenceRequest r, String model) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    r.messages().forEach(messages::add);
    body.put("temperature", r.temperature());
    r.maxTokens().ifPresent(n -> body.put("max_tokens", n));
    r.tools().ifPresent(t -> body.set("tools", t));
    r.responseFormat().ifPresent(f -> body.set("response_format", f));
    return body;
  }

  /** The Anthropic messages body. */
  public static ObjectNode anthropic(InferenceRequest r, String model) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", model);
    StringBuilder system = new StringBuilder();
    ArrayNode messages = body.putArray("messages");
    for (JsonNode m : r.messages()) {
      switch (m.path("role").asString()) {
        case "system" -> appendSystem(system, m.path("content"));
        case "tool" -> messages.add(toolResult(m));
        case "assistant" -> messages.add(assistant(m));
        default -> messages.add(plain(m));
      }
    }
    body.put("max_tokens", r.maxTokens().orElse(ANTHROPIC_DEFAULT_MAX_TOKENS));
    if (!system.isEmpty()) {
      body.put("system", system.toString());
    }
    if (r.temperature() != 1.0) {
      body.put("temperature", Math.min(1.0, r.temperature())); // Anthropic's range is 0 to 1
    }
    r.tools().ifPresent(t -> body.set("tools", anthropicTools(t)));
    return body;
  }

  private static void appendSystem(StringBuilder system, JsonNode content) {
    if (!system.isEmpty()) {
      system.append("\n\n");
    }
    system.append(content.isString() ? content.asString() : Json.write(content));
  }

  private static ObjectNode plain(JsonNode m) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("role", m.path("role").asString());
    out.set("content", m.path("content").isMissingNode() ? out.stringNode("") : m.get("content"));
    return out;
  }

  private static ObjectNode toolResult(JsonNode m) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("role", "user");
    ObjectNode block = out.putArray("content").addObject();
    block.put("type", "tool_result");
    block.put("tool_use_id", m.path("tool_call_id").asString(""));
    block.set("content", m.path("content").isMissingNode() ? out.stringNode("") : m.get("content"));
    return out;
  }

  private static ObjectNode assistant(JsonNode m) {
    JsonNode calls = m.path("tool_calls");
    if (!calls.isArray() || calls.isEmpty()) {
      return plain(m);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("role", "assistant");
    ArrayNode blocks = out.putArray("content");
    JsonNode text = m.path("content");
    if (text.isString() && !text.asString().isEmpty()) {
      blocks.addObject().put("type", "text").put("text", text.asString());
    }
    for (JsonNode call : calls) {
      ObjectNode use = blocks.addObject();
      use.put("type", "tool_use");
      use.put("id", call.path("id").asString(""));
      use.put("name", call.path("function").path("name").asString(""));
      use.set("input", arguments(call.path("function").path("arguments")));
    }
    return out;
  }

  private static JsonNode arguments(JsonNode arguments) {
    if (!arguments.isString()) {
      return arguments.isMissingNode() ? Json.MAPPER.createObjectNode() : arguments;
    }
    try {
      return Json.tree(arguments.asString());
    } catch (RuntimeException e) {
      throw new ServiceException.Invalid(
          "a tool call's 'function.arguments' is not a JSON object: " + arguments.asString());
    }
  }

  private static ArrayNode anthropicTools(JsonNode tools) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode tool : tools) {
      JsonNode fn = tool.path("function");
      if (!"function".equals(tool.path("type").asString("")) || !fn.path("name").isString()) {
        throw new ServiceException.Invalid(
            "each of 'tools' must be {\"type\":\"function\",\"function\":{\"name\":…}}");
      }
      ObjectNode t = out.addObject();
      t.put("name", fn.path("name").asString());
      t.put("description", fn.path("description").asString(""));
      JsonNode params = fn.path("parameters");
      if (params.isObject()) {
        t.set("input_schema", params);
      } else {
        t.putObject("input_schema").put("type", "object").putObject("properties");
      }
    }
    return out;
  }
}
