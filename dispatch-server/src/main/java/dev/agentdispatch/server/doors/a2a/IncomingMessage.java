package dev.agentdispatch.server.doors.a2a;

import dev.agentdispatch.server.app.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A user's A2A message, read from either version's JSON, as what Dispatch runs: its parts become
 * the function's input. One data part is the input as it is; text parts are {@code {"text": …}}
 * (joined by newlines), the shape a conversational function takes. Files are refused.
 *
 * @param contextId the conversation (a Dispatch session), when the client names one
 * @param taskId the task it answers, when the client names one
 * @param skillId the skill ({@code metadata.skillId}) it asks for, when it names one
 * @param messageId the client's id of the message: a retry of a send carries the same one
 */
record IncomingMessage(
    Optional<String> contextId,
    Optional<String> taskId,
    Optional<String> skillId,
    Optional<String> messageId,
    JsonNode input) {

  /**
   * Reads {@code params} of a send: {@code message} is required; {@code metadata.skillId} may be on
   * the request or on the message.
   */
  static IncomingMessage of(JsonNode params) {
    JsonNode message = params.path("message");
    if (!message.isObject()) {
      throw RpcError.invalidParams("params.message is required (an object)");
    }
    String role = message.path("role").asString("");
    if (!role.equals("user") && !role.equals("ROLE_USER")) {
      throw RpcError.invalidParams(
          "params.message.role must be user (ROLE_USER in 1.0), got '" + role + "'");
    }
    JsonNode parts = message.path("parts");
    if (!parts.isArray() || parts.isEmpty()) {
      throw RpcError.invalidParams("params.message.parts must be a non-empty array");
    }
    List<String> texts = new ArrayList<>();
    List<JsonNode> data = new ArrayList<>();
    for (JsonNode part : parts) {
      String kind = part.path("kind").asString("");
      if (part.path("text").isString() && (kind.isEmpty() || kind.equals("text"))) {
        texts.add(part.path("text").asString());
      } else if (part.has("data")
          && !part.path("data").isNull()
          && (kind.isEmpty() || kind.equals("data"))) {
        data.add(part.path("data"));
      } else if (kind.equals("file") || part.has("raw") || part.has("url") || part.has("file")) {
        throw new RpcError(
            RpcError.CONTENT_TYPE_NOT_SUPPORTED,
            "file parts are not supported: send text parts or one data part");
      } else {
        throw RpcError.invalidParams(
            "params.message.parts holds a part that is neither text nor data: " + part);
      }
    }
    JsonNode input;
    if (!data.isEmpty()) {
      if (data.size() > 1 || !texts.isEmpty()) {
        throw RpcError.invalidParams(
            "a message is either text parts or one data part (the function's input), got "
                + texts.size()
                + " text and "
                + data.size()
                + " data parts");
      }
      input = data.get(0);
    } else {
      input = JsonNodeFactory.instance.objectNode().put("text", String.join("\n", texts));
    }
    return new IncomingMessage(
        id(message, "contextId"),
        id(message, "taskId"),
        id(params.path("metadata"), "skillId").or(() -> id(message.path("metadata"), "skillId")),
        messageId(message),
        input);
  }

  /** The message's id, the idempotency key of its input: at most {@link Check#MAX_ID_LENGTH}. */
  private static Optional<String> messageId(JsonNode message) {
    Optional<String> id = id(message, "messageId");
    if (id.isPresent() && id.get().length() > Check.MAX_ID_LENGTH) {
      throw RpcError.invalidParams(
          "params.message.messageId must be at most " + Check.MAX_ID_LENGTH + " characters");
    }
    return id;
  }

  /** The same message in context {@code contextId}. */
  IncomingMessage withContextId(Optional<String> contextId) {
    return new IncomingMessage(contextId, taskId, skillId, messageId, input);
  }

  /** A string field, absent when missing or empty (1.0 clients send empty strings for unset). */
  private static Optional<String> id(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isString()) {
      throw RpcError.invalidParams(field + " must be a string");
    }
    return Optional.of(v.asString()).filter(s -> !s.isEmpty());
  }
}
