package dev.agentdispatch.server.doors.mcp;

import dev.agentdispatch.server.app.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 messages as MCP sends them: one message per POST (batches are gone since
 * 2025-06-18).
 */
final class JsonRpc {
  private JsonRpc() {}

  /** One message a client sent. */
  sealed interface Incoming {
    /** A request: it gets exactly one response. {@code id} is a string or a number. */
    record Request(JsonNode id, String method, ObjectNode params) implements Incoming {}

    /** A notification: no id, no response. */
    record Notification(String method, ObjectNode params) implements Incoming {}

    /** The client's response to a request this server sent (e.g. {@code elicitation/create}). */
    record Response(JsonNode id, JsonNode message) implements Incoming {}
  }

  /** Reads one message, or throws the {@link RpcError} to answer (with a null id). */
  static Incoming parse(String body) {
    JsonNode msg;
    try {
      msg = Json.tree(body);
    } catch (RuntimeException e) {
      throw new RpcError(RpcError.PARSE_ERROR, "the body is not JSON", Optional.empty());
    }
    if (msg == null || msg.isMissingNode()) {
      throw RpcError.invalidRequest("the body is empty: send one JSON-RPC message");
    }
    if (msg.isArray()) {
      throw RpcError.invalidRequest(
          "send one JSON-RPC message per request (batches are not part of MCP 2025-06-18 and"
              + " later)");
    }
    if (!msg.isObject() || !"2.0".equals(msg.path("jsonrpc").asString(""))) {
      throw RpcError.invalidRequest("a JSON-RPC 2.0 message needs \"jsonrpc\": \"2.0\"");
    }
    JsonNode id = msg.get("id");
    if (id != null && !(id.isString() || id.isIntegralNumber())) {
      throw RpcError.invalidRequest("\"id\" must be a string or an integer");
    }
    JsonNode method = msg.get("method");
    if (method == null) {
      if (id != null && (msg.has("result") || msg.has("error"))) {
        return new Incoming.Response(id, msg);
      }
      throw RpcError.invalidRequest("a request needs \"method\"");
    }
    if (!method.isString() || method.asString().isEmpty()) {
      throw RpcError.invalidRequest("\"method\" must be a non-empty string");
    }
    JsonNode params = msg.get("params");
    if (params != null && !params.isObject() && !params.isNull()) {
      throw RpcError.invalidRequest("\"params\" must be an object");
    }
    ObjectNode p = params instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    return id == null
        ? new Incoming.Notification(method.asString(), p)
        : new Incoming.Request(id, method.asString(), p);
  }

  /** A response carrying {@code result}. */
  static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode msg = envelope();
    msg.set("id", id);
    msg.set("result", result);
    return msg;
  }

  /** A response carrying {@code error}; {@code id} may be null (the request could not be read). */
  static ObjectNode error(JsonNode id, RpcError e) {
    ObjectNode msg = envelope();
    msg.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
    ObjectNode error = msg.putObject("error");
    error.put("code", e.code());
    error.put("message", e.getMessage());
    e.data().ifPresent(d -> error.set("data", Json.MAPPER.valueToTree(d)));
    return msg;
  }

  /** A request or notification this server sends; {@code id} null for a notification. */
  static ObjectNode outgoing(String id, String method, JsonNode params) {
    ObjectNode msg = envelope();
    if (id != null) {
      msg.put("id", id);
    }
    msg.put("method", method);
    msg.set("params", params);
    return msg;
  }

  private static ObjectNode envelope() {
    ObjectNode msg = JsonNodeFactory.instance.objectNode();
    msg.put("jsonrpc", "2.0");
    return msg;
  }
}
