package dev.agentdispatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch trace TRACE_ID}: the trace as a tree in the terminal. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description =
        "Show a trace: the tree of invocations, events and LLM calls, with status, durations,"
            + " tokens and cost.")
final class TraceCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "TRACE_ID")
  String traceId;

  @Override
  public Integer call() {
    JsonNode trace = client.client().get("/traces/" + traceId, Map.of());
    Output out = client.output();
    if (out.json()) {
      out.raw(trace);
      return 0;
    }
    JsonNode totals = trace.path("totals");
    out.line(
        "trace "
            + traceId
            + "  "
            + totals.path("invocations").asInt()
            + " invocation(s), "
            + totals.path("events").asInt()
            + " event(s), "
            + totals.path("attempts").asInt()
            + " attempt(s)"
            + (totals.hasNonNull("duration_ms")
                ? ", " + totals.path("duration_ms").asLong() + " ms"
                : ", still running")
            + (totals.path("llm_calls").asInt() > 0
                ? ", " + totals.path("llm_calls").asInt() + " LLM call(s), " + llm(totals)
                : ""));
    JsonNode roots = trace.path("roots");
    for (int i = 0; i < roots.size(); i++) {
      render(out, roots.get(i), "", i == roots.size() - 1);
    }
    return 0;
  }

  private static void render(Output out, JsonNode node, String indent, boolean last) {
    out.line(indent + (last ? "└─ " : "├─ ") + describe(node));
    JsonNode children = node.path("children");
    for (int i = 0; i < children.size(); i++) {
      render(out, children.get(i), indent + (last ? "   " : "│  "), i == children.size() - 1);
    }
  }

  /** Tokens and dollars, e.g. {@code 1234 tokens $0.012345}. */
  private static String llm(JsonNode n) {
    return n.path("tokens").asLong()
        + " tokens $"
        + n.path("cost_usd").decimalValue().toPlainString();
  }

  static String describe(JsonNode n) {
    if ("event".equals(n.path("kind").asString())) {
      return "event " + n.path("topic").asString() + "  " + n.path("id").asString();
    }
    if ("llm_call".equals(n.path("kind").asString())) {
      JsonNode c = n.path("llm");
      return "llm "
          + c.path("model").asString()
          + " ("
          + c.path("provider").asString()
          + ")  "
          + n.path("status").asString().toUpperCase(java.util.Locale.ROOT)
          + "  "
          + c.path("input_tokens").asLong()
          + " in / "
          + c.path("output_tokens").asLong()
          + " out, "
          + llm(n)
          + "  "
          + n.path("duration_ms").asLong()
          + " ms";
    }
    String status = n.path("status").asString().toUpperCase(java.util.Locale.ROOT);
    String duration =
        n.hasNonNull("duration_ms")
            ? n.path("duration_ms").asLong() + " ms"
            : "running "
                + Duration.between(Instant.parse(n.path("created_at").asString()), Instant.now())
                    .toSeconds()
                + " s";
    int attempts = n.path("attempts").asInt();
    return n.path("agent").asString()
        + "."
        + n.path("function").asString()
        + "  "
        + status
        + "  "
        + duration
        + (attempts > 1 ? "  (" + attempts + " attempts)" : "")
        + (n.path("llm_calls").asInt() > 0
            ? "  [" + n.path("llm_calls").asInt() + " LLM call(s), " + llm(n) + "]"
            : "")
        + "  "
        + n.path("id").asString();
  }
}
