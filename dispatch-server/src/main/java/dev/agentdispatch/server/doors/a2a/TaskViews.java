package dev.agentdispatch.server.doors.a2a;

import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.server.app.Json;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * An invocation seen as an A2A task: its id is the task id, its session the context, its status the
 * task state; a completed invocation's result is the task's one artifact ({@code result}); a
 * waiting run's prompt and a failure's message are the status message.
 */
final class TaskViews {
  /** The id of the one artifact a task has: its result. */
  static final String RESULT_ARTIFACT = "result";

  private TaskViews() {}

  /** The context an invocation belongs to: its session, or itself when it has none. */
  static String contextId(Invocation inv) {
    return inv.spec().sessionId().orElse(inv.id());
  }

  static ObjectNode task(Dialect d, Invocation inv) {
    ObjectNode task = d.object("task");
    task.put("id", inv.id()).put("contextId", contextId(inv)).set("status", status(d, inv));
    result(inv).ifPresent(r -> task.putArray("artifacts").add(artifact(d, r)));
    task.putArray("history")
        .add(message(d, inv, d.userRole(), inv.id() + "-input", value(inv.spec().payloadJson())));
    return task;
  }

  /** The task's status: its state, when it last changed, and what it says (prompt, failure). */
  static ObjectNode status(Dialect d, Invocation inv) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("state", d.state(inv.status()));
    statusMessage(inv)
        .ifPresent(m ->
            status.set(
                "message",
                message(d, inv, d.agentRole(), inv.id() + "-status-" + inv.state().attempt(), m)));
    status.put("timestamp", inv.state().updatedAt().toString());
    return status;
  }

  /** The result artifact, once the invocation completed with one. */
  static Optional<ObjectNode> resultArtifact(Dialect d, Invocation inv) {
    return result(inv).map(r -> artifact(d, r));
  }

  private static Optional<JsonNode> result(Invocation inv) {
    if (inv.status() != InvocationStatus.COMPLETED) {
      return Optional.empty();
    }
    return inv.state().resultJson().map(TaskViews::value);
  }

  private static Optional<JsonNode> statusMessage(Invocation inv) {
    return switch (inv.status()) {
      case WAITING_FOR_INPUT -> inv.state().resultJson().map(TaskViews::value);
      case ERROR, TIMED_OUT ->
          inv.state()
              .error()
              .map(ErrorInfo::message)
              .or(() -> Optional.of(inv.status().wire()))
              .map(StringNode::valueOf);
      default -> Optional.empty();
    };
  }

  private static ObjectNode artifact(Dialect d, JsonNode result) {
    ObjectNode artifact = JsonNodeFactory.instance.objectNode();
    artifact.put("artifactId", RESULT_ARTIFACT).put("name", RESULT_ARTIFACT);
    artifact.putArray("parts").add(d.valuePart(result));
    return artifact;
  }

  private static ObjectNode message(
      Dialect d, Invocation inv, String role, String messageId, JsonNode content) {
    ObjectNode message = d.object("message");
    message.put("messageId", messageId).put("role", role);
    message.putArray("parts").add(d.valuePart(content));
    message.put("contextId", contextId(inv)).put("taskId", inv.id());
    return message;
  }

  private static JsonNode value(String json) {
    try {
      return Json.tree(json);
    } catch (JacksonException e) {
      return StringNode.valueOf(json); // stored JSON is valid; a text is the safe fallback
    }
  }
}
