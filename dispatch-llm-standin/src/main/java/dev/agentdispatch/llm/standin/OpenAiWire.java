package dev.agentdispatch.llm.standin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAI wire shapes the stand-in answers with. */
final class OpenAiWire {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final long CREATED = 1_700_000_000L;

  private OpenAiWire() {}

  static ObjectNode chatCompletion(String id, String model, Prompt p, int cached) {
    ObjectNode message = F.objectNode().put("role", "assistant");
    if (p.callsTool()) {
      message.putNull("content");
      message.putArray("tool_calls").add(toolCall(p, true, arguments(p)));
    } else {
      message.put("content", p.reply());
    }
    message.putNull("refusal");
    ObjectNode choice = F.objectNode().put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", p.callsTool() ? "tool_calls" : "stop");
    ObjectNode out = head(id, "chat.completion", model);
    out.putArray("choices").add(choice);
    out.set("usage", usage(p, cached));
    return out;
  }

  /** Every chunk of a streamed chat completion, the usage chunk only when asked for. */
  static List<ObjectNode> chatChunks(
      String id, String model, Prompt p, int cached, boolean includeUsage) {
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode first = F.objectNode().put("role", "assistant");
    if (p.callsTool()) {
      first.putNull("content");
      first.putArray("tool_calls").add(toolCall(p, true, ""));
      out.add(chunk(id, model, first, null));
      for (String piece : argumentPieces(p)) {
        ObjectNode delta = F.objectNode();
        delta.putArray("tool_calls").add(toolCall(p, false, piece));
        out.add(chunk(id, model, delta, null));
      }
      out.add(chunk(id, model, F.objectNode(), "tool_calls"));
    } else {
      first.put("content", "");
      out.add(chunk(id, model, first, null));
      for (String piece : p.pieces()) {
        out.add(chunk(id, model, F.objectNode().put("content", piece), null));
      }
      out.add(chunk(id, model, F.objectNode(), "stop"));
    }
    if (includeUsage) {
      ObjectNode last = head(id, "chat.completion.chunk", model);
      last.putArray("choices");
      last.set("usage", usage(p, cached));
      out.add(last);
    }
    return out;
  }

  static ObjectNode response(String id, String model, Prompt p, int cached) {
    ObjectNode out = F.objectNode().put("id", id).put("object", "response");
    out.put("created_at", CREATED).put("status", "completed").put("model", model);
    ObjectNode text = F.objectNode().put("type", "output_text").put("text", p.reply());
    text.putArray("annotations");
    ObjectNode msg = F.objectNode().put("type", "message").put("id", "msg_" + id);
    msg.put("status", "completed").put("role", "assistant");
    msg.putArray("content").add(text);
    out.putArray("output").add(msg);
    ObjectNode usage = F.objectNode().put("input_tokens", p.words() + cached);
    usage.putObject("input_tokens_details").put("cached_tokens", cached);
    usage.put("output_tokens", p.outputTokens());
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", p.words() + cached + p.outputTokens());
    out.set("usage", usage);
    return out;
  }

  /**
   * One deterministic vector of 8 numbers per input; base64 of little-endian float32s when asked.
   */
  static ObjectNode embeddings(String model, JsonNode req) {
    JsonNode input = req.path("input");
    List<String> texts = new ArrayList<>();
    if (input.isArray()) {
      input.forEach(n -> texts.add(n.isString() ? n.asString() : n.toString()));
    } else {
      texts.add(input.asString(""));
    }
    boolean base64 = "base64".equals(req.path("encoding_format").asString(""));
    ObjectNode out = F.objectNode().put("object", "list");
    ArrayNode data = out.putArray("data");
    int tokens = 0;
    for (int i = 0; i < texts.size(); i++) {
      float[] v = vector(texts.get(i));
      tokens += Prompt.count(texts.get(i));
      ObjectNode e = F.objectNode().put("object", "embedding").put("index", i);
      if (base64) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
          buf.putFloat(f);
        }
        e.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
      } else {
        ArrayNode arr = e.putArray("embedding");
        for (float f : v) {
          arr.add(f);
        }
      }
      data.add(e);
    }
    out.put("model", model);
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return out;
  }

  static ObjectNode models(List<String> ids) {
    ObjectNode out = F.objectNode().put("object", "list");
    ArrayNode data = out.putArray("data");
    for (String id : ids) {
      data.add(
          F.objectNode()
              .put("id", id)
              .put("object", "model")
              .put("created", CREATED)
              .put("owned_by", "stand-in"));
    }
    return out;
  }

  static ObjectNode error(int status, String message) {
    ObjectNode error =
        F.objectNode()
            .put("message", message)
            .put("type", status == 429 ? "rate_limit_error" : "server_error");
    error.putNull("param");
    error.put("code", status == 429 ? "rate_limit_exceeded" : "server_error");
    ObjectNode out = F.objectNode();
    out.set("error", error);
    return out;
  }

  static float[] vector(String text) {
    float[] v = new float[8];
    int h = text.hashCode();
    for (int i = 0; i < v.length; i++) {
      h = h * 31 + i;
      v[i] = (h % 1000) / 1000f;
    }
    return v;
  }

  private static String arguments(Prompt p) {
    return F.objectNode().put("input", p.lastText()).toString();
  }

  /** The arguments JSON cut into as many pieces as the reply has words (two at least). */
  private static List<String> argumentPieces(Prompt p) {
    String args = arguments(p);
    int n = Math.max(2, p.outputTokens());
    List<String> out = new ArrayList<>();
    int step = Math.max(1, (args.length() + n - 1) / n);
    for (int i = 0; i < args.length(); i += step) {
      out.add(args.substring(i, Math.min(args.length(), i + step)));
    }
    return out;
  }

  private static ObjectNode toolCall(Prompt p, boolean first, String arguments) {
    ObjectNode call = F.objectNode().put("index", 0);
    ObjectNode fn = F.objectNode();
    if (first) {
      call.put("id", "call_standin_1").put("type", "function");
      fn.put("name", p.firstTool());
    }
    fn.put("arguments", arguments);
    call.set("function", fn);
    return call;
  }

  private static ObjectNode chunk(String id, String model, ObjectNode delta, String finish) {
    ObjectNode choice = F.objectNode().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    ObjectNode out = head(id, "chat.completion.chunk", model);
    out.putArray("choices").add(choice);
    return out;
  }

  private static ObjectNode head(String id, String object, String model) {
    return F.objectNode()
        .put("id", id)
        .put("object", object)
        .put("created", CREATED)
        .put("model", model);
  }

  private static ObjectNode usage(Prompt p, int cached) {
    int prompt = p.words() + cached;
    ObjectNode u =
        F.objectNode()
            .put("prompt_tokens", prompt)
            .put("completion_tokens", p.outputTokens())
            .put("total_tokens", prompt + p.outputTokens());
    u.putObject("prompt_tokens_details").put("cached_tokens", cached);
    u.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return u;
  }
}
