package dev.agentdispatch.server.doors.mcp;

import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.schemas.SchemaValidator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tools/call} results: an invocation's outcome as MCP content. A result is structured
 * content (an object as it is; any other JSON value as {@code {"result": value}}) plus the same as
 * a text block; every failure is an {@code isError} result whose text says what happened, so a
 * model can read it. {@code _meta} names the invocation (and the Dispatch session) under {@link
 * #META_PREFIX}.
 */
final class ToolResults {
  /** The prefix of this server's {@code _meta} keys. */
  static final String META_PREFIX = "dev.agentdispatch/";

  static final String SESSION = META_PREFIX + "session";
  static final String INVOCATION = META_PREFIX + "invocation";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ToolResults() {}

  /** What a call ran as: the invocation, and the Dispatch session when it was a session input. */
  record Ran(String invocationId, Optional<String> session) {}

  /** The result of an invocation that ended. */
  static ObjectNode ended(String tool, Invocation inv, Ran ran) {
    if (inv.status() == InvocationStatus.COMPLETED) {
      JsonNode value = inv.state().resultJson().map(Json::tree).orElse(JSON.nullNode());
      ObjectNode structured =
          value.isObject() ? (ObjectNode) value : JSON.objectNode().set("result", value);
      ObjectNode r = text(value.isString() ? value.asString() : value.toString(), false, ran);
      r.set("structuredContent", structured);
      return r;
    }
    String why =
        inv.state()
            .error()
            .map(ToolResults::describe)
            .orElse(inv.status() == InvocationStatus.CANCELLED ? "it was cancelled" : "no error");
    return text(tool + " ended " + inv.status().wire() + ": " + why, true, ran);
  }

  /**
   * The arguments broke the tool's input schema: an {@code isError} result listing the violations
   * (MCP 2025-11-25 reports input validation as a tool error, so the model can correct itself).
   */
  static ObjectNode invalidArguments(String message, Object details) {
    ObjectNode r = text(message, true, Optional.empty());
    if (details instanceof List<?> list) {
      ArrayNode violations = JSON.arrayNode();
      for (Object o : list) {
        if (o instanceof SchemaValidator.Violation v) {
          violations.add(
              JSON.objectNode()
                  .put("path", v.path())
                  .put("message", v.message())
                  .put("keyword", v.keyword()));
        }
      }
      ((ArrayNode) r.get("content"))
          .add(JSON.objectNode().put("type", "text").put("text", violations.toString()));
      ((ObjectNode) r.get("_meta")).set(META_PREFIX + "violations", violations);
    }
    return r;
  }

  /** The work was refused or could not run (rate limit, budget, busy session...). */
  static ObjectNode refused(String message) {
    return text(message, true, Optional.empty());
  }

  /**
   * The run waits for input and the question could not be put to the user here (no elicitation): an
   * {@code isError} result (it is not the tool's result, and it must not be checked against the
   * output schema) saying how to answer: the next call of the tool in the same conversation.
   */
  static ObjectNode waiting(String tool, JsonNode prompt, Ran ran) {
    String sid = ran.session().orElseThrow();
    ObjectNode r =
        text(
            tool
                + " is waiting for input: "
                + question(prompt)
                + " Answer with the next call of "
                + tool
                + " in this conversation (Dispatch session "
                + sid
                + "): its arguments are the answer.",
            true,
            ran);
    ObjectNode meta = (ObjectNode) r.get("_meta");
    meta.put(META_PREFIX + "status", "waiting_for_input");
    meta.set(META_PREFIX + "prompt", prompt);
    return r;
  }

  /** What a prompt asks: its {@code question} (or {@code message}) text, else its JSON. */
  static String question(JsonNode prompt) {
    for (String field : List.of("question", "message")) {
      if (prompt.path(field).isString()) {
        return prompt.path(field).asString();
      }
    }
    return prompt.isString() ? prompt.asString() : prompt.toString();
  }

  private static ObjectNode text(String text, boolean isError, Ran ran) {
    return text(text, isError, Optional.of(ran));
  }

  private static ObjectNode text(String text, boolean isError, Optional<Ran> ran) {
    ObjectNode r = JSON.objectNode();
    r.putArray("content").add(JSON.objectNode().put("type", "text").put("text", text));
    r.put("isError", isError);
    ObjectNode meta = r.putObject("_meta");
    ran.ifPresent(x -> {
      meta.put(INVOCATION, x.invocationId());
      x.session().ifPresent(s -> meta.put(SESSION, s));
    });
    return r;
  }

  private static String describe(ErrorInfo e) {
    return e.type() + ": " + e.message();
  }
}
