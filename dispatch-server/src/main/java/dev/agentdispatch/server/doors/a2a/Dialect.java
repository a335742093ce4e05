package dev.agentdispatch.server.doors.a2a;

import dev.agentdispatch.core.invocation.InvocationStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two A2A protocol versions the door speaks on one URL, and everything that is spelled
 * differently between them: method names, task states, roles, parts and the event envelopes. 0.3
 * objects carry a {@code kind}; 1.0 objects follow the proto's JSON mapping (enum names such as
 * {@code TASK_STATE_COMPLETED}, a part is one of {@code text}/{@code data}, a response is a oneof
 * such as {@code {"task": …}}).
 */
enum Dialect {
  V0_3("0.3.0"),
  V1_0("1.0");

  /** What a JSON-RPC method asks for, in either version. */
  enum Operation {
    SEND,
    STREAM,
    GET,
    CANCEL,
    LIST,
    /** A method of the protocol this door does not offer (push configs, resubscribe, …). */
    UNSUPPORTED
  }

  /** A method name resolved: which version spoke it and what it asks. */
  record Method(Dialect dialect, Operation operation) {}

  private static final Map<String, Method> METHODS =
      Map.ofEntries(
          Map.entry("message/send", new Method(V0_3, Operation.SEND)),
          Map.entry("message/stream", new Method(V0_3, Operation.STREAM)),
          Map.entry("tasks/get", new Method(V0_3, Operation.GET)),
          Map.entry("tasks/cancel", new Method(V0_3, Operation.CANCEL)),
          Map.entry("tasks/resubscribe", new Method(V0_3, Operation.UNSUPPORTED)),
          Map.entry("tasks/pushNotificationConfig/set", new Method(V0_3, Operation.UNSUPPORTED)),
          Map.entry("tasks/pushNotificationConfig/get", new Method(V0_3, Operation.UNSUPPORTED)),
          Map.entry("tasks/pushNotificationConfig/list", new Method(V0_3, Operation.UNSUPPORTED)),
          Map.entry("tasks/pushNotificationConfig/delete", new Method(V0_3, Operation.UNSUPPORTED)),
          Map.entry("agent/getAuthenticatedExtendedCard", new Method(V0_3, Operation.UNSUPPORTED)),
          Map.entry("SendMessage", new Method(V1_0, Operation.SEND)),
          Map.entry("SendStreamingMessage", new Method(V1_0, Operation.STREAM)),
          Map.entry("GetTask", new Method(V1_0, Operation.GET)),
          Map.entry("CancelTask", new Method(V1_0, Operation.CANCEL)),
          Map.entry("ListTasks", new Method(V1_0, Operation.LIST)),
          Map.entry("SubscribeToTask", new Method(V1_0, Operation.UNSUPPORTED)),
          Map.entry("CreateTaskPushNotificationConfig", new Method(V1_0, Operation.UNSUPPORTED)),
          Map.entry("GetTaskPushNotificationConfig", new Method(V1_0, Operation.UNSUPPORTED)),
          Map.entry("ListTaskPushNotificationConfigs", new Method(V1_0, Operation.UNSUPPORTED)),
          Map.entry("DeleteTaskPushNotificationConfig", new Method(V1_0, Operation.UNSUPPORTED)),
          Map.entry("GetExtendedAgentCard", new Method(V1_0, Operation.UNSUPPORTED)));

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String protocolVersion;

  Dialect(String protocolVersion) {
    this.protocolVersion = protocolVersion;
  }

  /** The version a card of this dialect announces. */
  String protocolVersion() {
    return protocolVersion;
  }

  static Optional<Method> method(String name) {
    return Optional.ofNullable(METHODS.get(name));
  }

  /**
   * The version an {@code A2A-Version} header asks for: absent or empty means 0.3 (the spec's rule
   * for clients from before the header); a version this door does not speak is empty.
   */
  static Optional<Dialect> fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return Optional.of(V0_3);
    }
    String v = header.trim();
    if (v.equals("1") || v.startsWith("1.0")) {
      return Optional.of(V1_0);
    }
    if (v.startsWith("0.3")) {
      return Optional.of(V0_3);
    }
    return Optional.empty();
  }

  /** The task state of an invocation status. */
  String state(InvocationStatus status) {
    String name =
        switch (status) {
          case PENDING -> "submitted";
          case RUNNING -> "working";
          case WAITING_FOR_INPUT -> "input-required";
          case COMPLETED -> "completed";
          case ERROR, TIMED_OUT -> "failed";
          case CANCELLED -> "canceled";
        };
    return this == V0_3 ? name : "TASK_STATE_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * The invocation statuses an A2A task state filter means; empty for a state no Dispatch task is
   * ever in (rejected, auth-required), and for one this dialect does not spell.
   */
  Optional<InvocationStatus> status(String state) {
    for (InvocationStatus s : InvocationStatus.values()) {
      if (s != InvocationStatus.TIMED_OUT && state(s).equals(state)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  String agentRole() {
    return this == V0_3 ? "agent" : "ROLE_AGENT";
  }

  String userRole() {
    return this == V0_3 ? "user" : "ROLE_USER";
  }

  /** A part holding {@code text}. */
  ObjectNode textPart(String text) {
    ObjectNode part = JSON.objectNode();
    if (this == V0_3) {
      part.put("kind", "text");
    }
    return part.put("text", text);
  }

  /**
   * A part holding a JSON value: a string is a text part, anything else a data part (0.3's data
   * parts hold objects only, so other values are wrapped as {@code {"value": …}} there).
   */
  ObjectNode valuePart(JsonNode value) {
    if (value.isString()) {
      return textPart(value.asString());
    }
    ObjectNode part = JSON.objectNode();
    if (this == V0_3) {
      part.put("kind", "data");
      part.set("data", value.isObject() ? value : JSON.objectNode().set("value", value));
      return part;
    }
    return part.set("data", value);
  }

  /** An object of this dialect's {@code kind} (0.3 only; 1.0 objects have none). */
  ObjectNode object(String kind) {
    ObjectNode node = JSON.objectNode();
    if (this == V0_3) {
      node.put("kind", kind);
    }
    return node;
  }

  /** What a send or a stream answers with first: the task. */
  JsonNode taskResult(ObjectNode task) {
    return this == V0_3 ? task : JSON.objectNode().set("task", task);
  }

  /** A stream event saying the task's status changed. */
  JsonNode statusEvent(String taskId, String contextId, ObjectNode status, boolean last) {
    ObjectNode event = object("status-update");
    event.put("taskId", taskId).put("contextId", contextId).set("status", status);
    if (this == V0_3) {
      event.put("final", last);
      return event;
    }
    return JSON.objectNode().set("statusUpdate", event);
  }

  /** A stream event carrying a whole artifact. */
  JsonNode artifactEvent(String taskId, String contextId, ObjectNode artifact) {
    ObjectNode event = object("artifact-update");
    event.put("taskId", taskId).put("contextId", contextId).set("artifact", artifact);
    event.put("append", false).put("lastChunk", true);
    return this == V0_3 ? event : JSON.objectNode().set("artifactUpdate", event);
  }
}
