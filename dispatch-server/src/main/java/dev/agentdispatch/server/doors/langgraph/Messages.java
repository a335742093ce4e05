package dev.agentdispatch.server.doors.langgraph;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.server.app.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code messages} and {@code messages-tuple} stream modes of one run stream: the run's {@code
 * output} chunks are the chunks of one AI message (id {@code run-<invocation id>}), and a run that
 * streamed none but ends with text (a string result, or a result with a string {@code text}) sends
 * that text as one whole AI message, as the platform does for a message a node returns.
 *
 * <p>{@code messages-tuple} sends each chunk as {@code messages: [chunk, metadata]}; {@code
 * messages} (the platform's older mode) sends {@code messages/metadata} once, {@code
 * messages/partial} with the message so far after each chunk, and {@code messages/complete} when
 * the run settles.
 */
final class Messages {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** One event to write: its name, its data, and the log seq it came from (its SSE id). */
  record Event(String name, JsonNode data, Optional<Long> seq) {}

  private final boolean tuple;
  private final boolean whole;
  private final String node;
  private final String runId;
  private final String threadId;
  private Optional<String> messageId = Optional.empty();
  private final StringBuilder text = new StringBuilder();

  Messages(List<String> modes, String node, String runId, String threadId) {
    this.tuple = modes.contains("messages-tuple");
    this.whole = modes.contains("messages");
    this.node = node;
    this.runId = runId;
    this.threadId = threadId;
  }

  boolean active() {
    return tuple || whole;
  }

  /** The events one {@code output} chunk of {@code invocation} becomes. */
  List<Event> chunk(String invocation, JsonNode data, long seq) {
    List<Event> out = new ArrayList<>();
    if (!active()) {
      return out;
    }
    String id = "run-" + invocation;
    boolean first = messageId.isEmpty();
    messageId = Optional.of(id);
    String piece = text(data);
    text.append(piece);
    if (tuple) {
      out.add(
          new Event(
              "messages",
              JSON.arrayNode().add(message("AIMessageChunk", id, piece)).add(metadata()),
              Optional.of(seq)));
    }
    if (whole) {
      if (first) {
        out.add(new Event("messages/metadata", metadataOf(id), Optional.of(seq)));
      }
      out.add(
          new Event(
              "messages/partial",
              JSON.arrayNode().add(message("ai", id, text.toString())),
              Optional.of(seq)));
    }
    return out;
  }

  /** The events when the run settles as {@code inv}: the message made whole. */
  List<Event> end(Invocation inv) {
    List<Event> out = new ArrayList<>();
    if (!active()) {
      return out;
    }
    if (messageId.isPresent()) {
      if (whole) {
        out.add(
            new Event(
                "messages/complete",
                JSON.arrayNode().add(message("ai", messageId.get(), text.toString())),
                Optional.empty()));
      }
      return out;
    }
    if (inv.status() != InvocationStatus.COMPLETED) {
      return out;
    }
    Optional<String> said = inv.state().resultJson().map(Json::tree).flatMap(Messages::said);
    if (said.isEmpty()) {
      return out;
    }
    String id = "run-" + inv.id();
    if (tuple) {
      out.add(
          new Event(
              "messages",
              JSON.arrayNode().add(message("ai", id, said.get())).add(metadata()),
              Optional.empty()));
    }
    if (whole) {
      out.add(new Event("messages/metadata", metadataOf(id), Optional.empty()));
      out.add(
          new Event(
              "messages/complete",
              JSON.arrayNode().add(message("ai", id, said.get())),
              Optional.empty()));
    }
    return out;
  }

  /** The text a result says: a string, or an object's string {@code text}. */
  static Optional<String> said(JsonNode result) {
    if (result.isString()) {
      return Optional.of(result.asString());
    }
    JsonNode t = result.path("text");
    return t.isString() ? Optional.of(t.asString()) : Optional.empty();
  }

  /** A chunk's text: a string as it is, an object's string {@code text}, else its JSON. */
  static String text(JsonNode chunk) {
    return said(chunk).orElseGet(() -> Json.write(chunk));
  }

  private static ObjectNode message(String type, String id, String content) {
    ObjectNode m = JSON.objectNode();
    m.put("type", type);
    m.put("id", id);
    m.put("content", content);
    m.putObject("additional_kwargs");
    m.putObject("response_metadata");
    m.putArray("tool_calls");
    m.putArray("invalid_tool_calls");
    if (type.equals("AIMessageChunk")) {
      m.putArray("tool_call_chunks");
    }
    return m;
  }

  private ObjectNode metadata() {
    ObjectNode m = JSON.objectNode();
    m.putArray("tags");
    m.put("langgraph_node", node);
    m.put("langgraph_step", 1);
    m.put("run_id", runId);
    m.put("thread_id", threadId);
    return m;
  }

  private ObjectNode metadataOf(String id) {
    ObjectNode v = JSON.objectNode();
    v.putObject(id).set("metadata", metadata());
    return v;
  }
}
