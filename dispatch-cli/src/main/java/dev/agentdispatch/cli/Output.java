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
    if (inv.hasNonNull("concurrency_key")) {
      out.println(
          "  key     "
              + inv.get("concurrency_key").asString()
              + (inv.hasNonNull("key_concurrency")
                  ? " (at most " + inv.get("key_concurrency").asInt() + " under way at once)"
                  : ""));
    }
    if (inv.hasNonNull("lane")) {
      out.println("  lane    " + inv.get("lane").asString());
    }
    if (inv.hasNonNull("blocked_by")) {
      out.println("  blocked " + inv.get("blocked_by").asString() + blockedHint(inv));
    }
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

  /**
   * An agent's {@code flow} after a change: the agent's line, then one per function, per declared
   * lane, and per execution class that failed lately or is degraded.
   */
  void flow(JsonNode flow) {
    out.println(
        "  "
            + (flow.path("paused").asBoolean() ? "agent paused" : "agent not paused")
            + ", running "
            + running(flow)
            + ", pending "
            + pending(flow));
    for (JsonNode f : flow.path("functions")) {
      out.println(
          String.format(
              "  %-24s  %-8s  running %-9s  pending %s",
              f.path("name").asString(),
              f.path("paused").asBoolean() ? "paused" : "",
              running(f),
              pending(f)));
    }
    for (JsonNode l : flow.path("lanes")) {
      out.println(
          String.format(
              "  lane %-19s  %-8s  running %-9s  pending %s",
              l.path("name").asString(),
              l.path("reserved").asInt() > 0 ? "+" + l.path("reserved").asInt() + " kept" : "",
              running(l),
              l.path("pending").asInt()));
    }
    for (JsonNode c : flow.path("classes")) {
      out.println(
          "  class "
              + laneName(c.path("lane").asString())
              + ": "
              + c.path("failures").asInt()
              + " failure(s) in a row"
              + (c.hasNonNull("degraded_since")
                  ? ", degraded ("
                      + c.path("mode").asString()
                      + ") since "
                      + c.get("degraded_since").asString()
                  : ""));
    }
  }

  /** A class's lane for people: {@code (default)} for the default lane's {@code ""}. */
  static String laneName(String lane) {
    return lane.isEmpty() ? "(default)" : lane;
  }

  /**
   * The degraded classes of an agent's {@code flow}: {@code batch:pause,(default):slow}, or {@code
   * -}.
   */
  static String degraded(JsonNode flow) {
    StringBuilder classes = new StringBuilder();
    for (JsonNode c : flow.path("classes")) {
      if (c.hasNonNull("degraded_since")) {
        classes
            .append(classes.isEmpty() ? "" : ",")
            .append(laneName(c.path("lane").asString()))
            .append(':')
            .append(c.path("mode").asString());
      }
    }
    return classes.isEmpty() ? "-" : classes.toString();
  }

  private static String blockedHint(JsonNode inv) {
    String agent = inv.path("agent").asString();
    return switch (inv.get("blocked_by").asString()) {
      case "paused:agent" -> " ('dispatch resume " + agent + "' lets it run)";
      case "paused:function" ->
          " ('dispatch resume "
              + agent
              + " --function "
              + inv.path("function").asString()
              + "' lets it run)";
      case "concurrency:key" -> " (waits for an earlier invocation of its key)";
      case "concurrency:lane" -> " (waits for a slot of its lane)";
      case "degraded:lane" ->
          " ('dispatch reset "
              + agent
              + (inv.hasNonNull("lane") ? " --lane " + inv.get("lane").asString() : "")
              + "' lets it run)";
      case "concurrency:agent", "concurrency:function" -> " (waits for a running one to end)";
      default -> "";
    };
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

  /**
   * The running count of an agent's or a function's {@code flow}, against its cap: {@code 3/5}, or
   * {@code 3} without one; {@code -} from a server that shows no flow.
   */
  static String running(JsonNode flow) {
    if (!flow.isObject()) {
      return "-";
    }
    String running = Integer.toString(flow.path("running").asInt());
    return flow.hasNonNull("max_concurrency")
        ? running + "/" + flow.get("max_concurrency").asInt()
        : running;
  }

  /**
   * The pending count of a {@code flow}, with those waiting for a slot of their concurrency key:
   * {@code 4} or {@code 4 +2 by key}.
   */
  static String pending(JsonNode flow) {
    if (!flow.isObject()) {
      return "-";
    }
    int keyBlocked = flow.path("key_blocked").asInt();
    return flow.path("pending").asInt() + (keyBlocked > 0 ? " +" + keyBlocked + " by key" : "");
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
