package dev.agentdispatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code dispatch usage}: what the namespace's LLM calls cost, grouped. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description =
        "Show what LLM calls cost: calls, tokens and dollars per agent, model, provider or day.")
final class UsageCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(
      names = "--group-by",
      description = "agent, model, provider or day (default ${DEFAULT-VALUE}).",
      defaultValue = "agent")
  String groupBy;

  @Option(
      names = "--from",
      description = "A date (2026-11-01) or ISO time; default the start of this month (UTC).")
  String from;

  @Option(
      names = "--to",
      description = "Exclusive, the same forms; default the start of next month (UTC).")
  String to;

  @Override
  public Integer call() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("group_by", groupBy);
    if (from != null) {
      q.put("from", from);
    }
    if (to != null) {
      q.put("to", to);
    }
    JsonNode usage = client.client().get("/usage", q);
    Output out = client.output();
    if (out.json()) {
      out.raw(usage);
      return 0;
    }
    out.line(
        "LLM usage by "
            + usage.path("group_by").asString()
            + ", "
            + usage.path("from").asString()
            + " to "
            + usage.path("to").asString());
    String format = "%-32s  %7s  %12s  %12s  %12s  %12s  %14s";
    out.line(
        String.format(
            format,
            groupBy.toUpperCase(java.util.Locale.ROOT),
            "CALLS",
            "INPUT",
            "OUTPUT",
            "CACHE READ",
            "CACHE WRITE",
            "COST USD"));
    for (JsonNode g : usage.path("groups")) {
      out.line(row(format, g.path("key").isNull() ? "(none)" : g.path("key").asString(), g));
    }
    out.line(row(format, "TOTAL", usage.path("total")));
    return 0;
  }

  private static String row(String format, String key, JsonNode g) {
    return String.format(
        format,
        key,
        g.path("calls").asLong(),
        g.path("input_tokens").asLong(),
        g.path("output_tokens").asLong(),
        g.path("cache_read_tokens").asLong(),
        g.path("cache_write_tokens").asLong(),
        g.path("cost_usd").decimalValue().toPlainString());
  }
}
