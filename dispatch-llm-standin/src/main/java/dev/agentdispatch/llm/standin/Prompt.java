package dev.agentdispatch.llm.standin;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the stand-in reads from a request: the text it echoes and the counts its usage derives from.
 * One "token" is one whitespace-separated word, so tests can predict usage exactly.
 *
 * @param lastText the text of the last message (a user message or a tool result)
 * @param lastIsToolResult whether the last message is a tool result (then no tool is called)
 * @param words the words of every text in the request: system prompt and all messages
 * @param firstTool the name of the first tool offered, if any
 */
record Prompt(String lastText, boolean lastIsToolResult, int words, String firstTool) {

  /** The reply's tokens: "echo:" plus the echoed words. */
  int outputTokens() {
    return 1 + count(lastText);
  }

  boolean callsTool() {
    return !firstTool.isEmpty() && !lastIsToolResult;
  }

  String reply() {
    return "echo: " + lastText;
  }

  /** The words of the reply as stream pieces, each but the first with its leading space. */
  List<String> pieces() {
    List<String> out = new ArrayList<>();
    out.add("echo:");
    for (String w : words(lastText)) {
      out.add(" " + w);
    }
    return out;
  }

  /** OpenAI chat: {@code messages[]} with string or part-array contents, roles incl. tool. */
  static Prompt ofOpenAiChat(JsonNode req) {
    int words = 0;
    String last = "";
    boolean tool = false;
    for (JsonNode m : req.path("messages")) {
      String text = text(m.path("content"));
      words += count(text);
      last = text;
      tool = "tool".equals(m.path("role").asString(""));
    }
    JsonNode tools = req.path("tools");
    String first =
        tools.isArray() && !tools.isEmpty()
            ? tools.get(0).path("function").path("name").asString("")
            : "";
    return new Prompt(last, tool, words, first);
  }

  /** OpenAI responses: {@code input} is a string or a list of messages. */
  static Prompt ofOpenAiResponses(JsonNode req) {
    JsonNode input = req.path("input");
    int words = count(req.path("instructions").asString(""));
    String last = "";
    if (input.isString()) {
      last = input.asString();
      words += count(last);
    } else {
      for (JsonNode m : input) {
        String text = text(m.path("content"));
        words += count(text);
        last = text;
      }
    }
    return new Prompt(last, false, words, "");
  }

  /** Anthropic messages: {@code system} plus {@code messages[]} of strings or blocks. */
  static Prompt ofAnthropic(JsonNode req) {
    int words = count(text(req.path("system")));
    String last = "";
    boolean tool = false;
    for (JsonNode m : req.path("messages")) {
      JsonNode content = m.path("content");
      String text = text(content);
      words += count(text);
      last = text;
      tool = false;
      if (content.isArray()) {
        for (JsonNode block : content) {
          tool |= "tool_result".equals(block.path("type").asString(""));
        }
      }
    }
    JsonNode tools = req.path("tools");
    String first =
        tools.isArray() && !tools.isEmpty() ? tools.get(0).path("name").asString("") : "";
    return new Prompt(last, tool, words, first);
  }

  /** The text of a content value: a string, or the texts of its parts/blocks joined by spaces. */
  static String text(JsonNode content) {
    if (content.isString()) {
      return content.asString();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content) {
      String t =
          part.isString()
              ? part.asString()
              : part.has("text") ? part.path("text").asString("") : text(part.path("content"));
      if (!t.isEmpty()) {
        sb.append(sb.isEmpty() ? "" : " ").append(t);
      }
    }
    return sb.toString();
  }

  static int count(String text) {
    return words(text).size();
  }

  private static List<String> words(String text) {
    String t = text.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
  }
}
