package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallRoute;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client's request body, parsed once: what the gateway needs to route and admit it, and the bytes
 * to send upstream once the route is known. The body is otherwise the provider's business: the
 * gateway checks only the fields it reads.
 */
final class LlmRequest {
  /** About four bytes of JSON per token: an estimate for budget holds, not for billing. */
  private static final int BYTES_PER_TOKEN = 4;

  private final Endpoint endpoint;
  private final byte[] raw;
  private final ObjectNode tree;
  private final Optional<String> model;
  private final boolean stream;
  private final long maxTokens;

  private LlmRequest(Endpoint endpoint, byte[] raw, ObjectNode tree) {
    this.endpoint = endpoint;
    this.raw = raw;
    this.tree = tree;
    this.model = optionalString(tree, "model");
    JsonNode s = tree.get("stream");
    if (s != null && !s.isNull() && !s.isBoolean()) {
      throw new ServiceException.Invalid("'stream' must be true or false");
    }
    this.stream = s != null && s.asBoolean(false);
    this.maxTokens =
        firstLong(tree, "max_tokens", "max_completion_tokens", "max_output_tokens").orElse(0L);
  }

  /**
   * Parses {@code body} for {@code endpoint}.
   *
   * @throws ServiceException.Invalid when the body is not a JSON object or a field the gateway
   *     reads has the wrong type
   */
  static LlmRequest parse(Endpoint endpoint, byte[] body) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new ServiceException.Invalid(
          "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new ServiceException.Invalid("the request body must be a JSON object");
    }
    return new LlmRequest(endpoint, body, (ObjectNode) tree);
  }

  Optional<String> model() {
    return model;
  }

  boolean stream() {
    return stream && endpoint != Endpoint.EMBEDDINGS;
  }

  long maxTokens() {
    return maxTokens;
  }

  long estimatedInputTokens() {
    return Math.max(1, raw.length / BYTES_PER_TOKEN);
  }

  /**
   * The body to send upstream on {@code route}: the original bytes when nothing changes, else the
   * body with the route's model, the variant's system prompt and, for an OpenAI chat stream, a
   * request for the usage chunk.
   */
  byte[] upstreamBody(CallRoute route) {
    boolean changed = false;
    if (!model.equals(Optional.of(route.model()))) {
      tree.put("model", route.model());
      changed = true;
    }
    if (route.systemPrompt().isPresent()) {
      setSystemPrompt(route.systemPrompt().get());
      changed = true;
    }
    if (endpoint == Endpoint.CHAT_COMPLETIONS && stream && !asksForUsage()) {
      JsonNode options = tree.get("stream_options");
      ObjectNode o = options instanceof ObjectNode on ? on : tree.putObject("stream_options");
      o.put("include_usage", true);
      changed = true;
    }
    return changed ? Json.MAPPER.writeValueAsBytes(tree) : raw;
  }

  private boolean asksForUsage() {
    return tree.path("stream_options").path("include_usage").asBoolean(false);
  }

  private void setSystemPrompt(String prompt) {
    switch (endpoint) {
      case MESSAGES -> tree.put("system", prompt);
      case RESPONSES -> tree.put("instructions", prompt);
      case CHAT_COMPLETIONS -> {
        JsonNode messages = tree.get("messages");
        if (!(messages instanceof ArrayNode list)) {
          throw new ServiceException.Invalid("'messages' must be a list");
        }
        ObjectNode system = Json.MAPPER.createObjectNode().put("role", "system");
        system.put("content", prompt);
        JsonNode first = list.isEmpty() ? null : list.get(0);
        String role = first == null ? "" : first.path("role").asString("");
        if (role.equals("system") || role.equals("developer")) {
          list.set(0, system);
        } else {
          list.insert(0, system);
        }
      }
      case EMBEDDINGS -> {
        // An embedding has no prompt to replace.
      }
    }
  }

  private static Optional<String> optionalString(ObjectNode tree, String field) {
    JsonNode n = tree.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isString() || n.asString().isBlank()) {
      throw new ServiceException.Invalid("'" + field + "' must be a non-empty string");
    }
    return Optional.of(n.asString());
  }

  private static Optional<Long> firstLong(ObjectNode tree, String... fields) {
    for (String f : fields) {
      JsonNode n = tree.get(f);
      if (n != null && !n.isNull()) {
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
          throw new ServiceException.Invalid("'" + f + "' must be a non-negative integer");
        }
        return Optional.of(n.asLong());
      }
    }
    return Optional.empty();
  }
}
