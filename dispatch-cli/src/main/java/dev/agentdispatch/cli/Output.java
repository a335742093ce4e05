package dev.agentdispatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Human-readable rendering of API answers (and {@code --json} pass-through). */
final class Output {
  private final PrintStream out;
  private final boolean json;

  Output(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  boolean json() {
    return json;
  }

  void raw(JsonNode node) {
    out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
  }

  void line(String text) {
    out.println(text);
  }

  void invocation(JsonNode inv) {
    if (json) {
      raw(inv);
      return;
    }
    out.printf(
        "%s  %s.%s  %s  (attempt %d/%d%s)%n",
        inv.path("invocation_id").asString(),
        inv.path("agent").asString(),
        inv.path("function").asString(),
        inv.path("status").asString().toUpperCase(java.util.Locale.ROOT),
        inv.path("attempt").asInt(),
        inv.path("max_attempts").asInt(),
        duration(inv));
    out.println("  trace   " + inv.path("trace_id").asString());
    if (inv.hasNonNull("result")) {
      out.println("  result  " + inv.get("result"));
    }
    JsonNode error = inv.path("error");
    if (error.isObject()) {
      out.println(
          "  error   "
              + error.path("error_type").asString()
              + ": "
              + error.path("error").asString());
    }
    if (inv.path("dead_lettered").asBoolean()) {
      out.println(
          "  on the dead-letter list: 'dispatch retry "
              + inv.path("invocation_id").asString()
              + "' re-runs it");
    }
  }

  void invocationTable(JsonNode page) {
    if (json) {
      raw(page);
      return;
    }
    out.printf(
        "%-36s  %-30s  %-17s  %-7s  %s%n", "ID", "AGENT.FUNCTION", "STATUS", "ATTEMPT", "CREATED");
    for (JsonNode inv : page.path("items")) {
      out.printf(
          "%-36s  %-30s  %-17s  %-7s  %s%n",
          inv.path("invocation_id").asString(),
          inv.path("agent").asString() + "." + inv.path("function").asString(),
          inv.path("status").asString(),
          inv.path("attempt").asInt() + "/" + inv.path("max_attempts").asInt(),
          inv.path("created_at").asString());
    }
    if (page.hasNonNull("next_cursor")) {
      out.println("(more: --cursor " + page.get("next_cursor").asString() + ")");
    }
  }

  private static String duration(JsonNode inv) {
    if (!inv.hasNonNull("finished_at")) {
      return "";
    }
    Duration d =
        Duration.between(
            Instant.parse(inv.get("created_at").asString()),
            Instant.parse(inv.get("finished_at").asString()));
    return ", " + d.toMillis() + " ms";
  }
}
