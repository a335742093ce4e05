package dev.agentdispatch.llm.standin;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The Anthropic messages API shapes the stand-in answers with. */
final class AnthropicWire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AnthropicWire() {}

  /** One server-sent event: its name and data. */
  record Event(String name, ObjectNode data) {}

  static ObjectNode message(String id, String model, Prompt p, int cached) {
    ObjectNode out = F.objectNode().put("id", id).put("type", "message").put("role", "assistant");
    out.put("model", model);
    if (p.callsTool()) {
      ObjectNode use =
          F.objectNode()
              .put("type", "tool_use")
              .put("id", "toolu_standin_1")
              .put("name", p.firstTool());
      use.putObject("input").put("input", p.lastText());
      out.putArray("content").add(use);
    } else {
      out.putArray("content").add(F.objectNode().put("type", "text").put("text", p.reply()));
    }
    out.put("stop_reason", p.callsTool() ? "tool_use" : "end_turn");
    out.putNull("stop_sequence");
    out.set("usage", usage(p.words(), p.outputTokens(), cached));
    return out;
  }

  static List<Event> events(String id, String model, Prompt p, int cached) {
    List<Event> out = new ArrayList<>();
    ObjectNode msg = F.objectNode().put("id", id).put("type", "message").put("role", "assistant");
    msg.put("model", model);
    msg.putArray("content");
    msg.putNull("stop_reason");
    msg.putNull("stop_sequence");
    msg.set("usage", usage(p.words(), 1, cached));
    ObjectNode start = F.objectNode().put("type", "message_start");
    start.set("message", msg);
    out.add(new Event("message_start", start));
    ObjectNode block;
    List<ObjectNode> deltas = new ArrayList<>();
    if (p.callsTool()) {
      block =
          F.objectNode()
              .put("type", "tool_use")
              .put("id", "toolu_standin_1")
              .put("name", p.firstTool());
      block.putObject("input");
      String args = F.objectNode().put("input", p.lastText()).toString();
      int half = args.length() / 2;
      for (String part : List.of(args.substring(0, half), args.substring(half))) {
        deltas.add(F.objectNode().put("type", "input_json_delta").put("partial_json", part));
      }
    } else {
      block = F.objectNode().put("type", "text").put("text", "");
      for (String piece : p.pieces()) {
        deltas.add(F.objectNode().put("type", "text_delta").put("text", piece));
      }
    }
    ObjectNode blockStart = F.objectNode().put("type", "content_block_start").put("index", 0);
    blockStart.set("content_block", block);
    out.add(new Event("content_block_start", blockStart));
    out.add(new Event("ping", F.objectNode().put("type", "ping")));
    for (ObjectNode d : deltas) {
      ObjectNode e = F.objectNode().put("type", "content_block_delta").put("index", 0);
      e.set("delta", d);
      out.add(new Event("content_block_delta", e));
    }
    out.add(
        new Event(
            "content_block_stop",
            F.objectNode().put("type", "content_block_stop").put("index", 0)));
    ObjectNode md = F.objectNode().put("type", "message_delta");
    md.putObject("delta")
        .put("stop_reason", p.callsTool() ? "tool_use" : "end_turn")
        .putNull("stop_sequence");
    md.putObject("usage").put("output_tokens", p.outputTokens());
    out.add(new Event("message_delta", md));
    out.add(new Event("message_stop", F.objectNode().put("type", "message_stop")));
    return out;
  }

  static ObjectNode error(int status, String message) {
    String type =
        switch (status) {
          case 429 -> "rate_limit_error";
          case 529 -> "overloaded_error";
          default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    ObjectNode out = F.objectNode().put("type", "error");
    out.set("error", F.objectNode().put("type", type).put("message", message));
    return out;
  }

  private static ObjectNode usage(int input, int output, int cached) {
    return F.objectNode()
        .put("input_tokens", input)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", cached)
        .put("output_tokens", output);
  }
}
