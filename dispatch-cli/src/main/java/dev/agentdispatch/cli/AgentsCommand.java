package dev.agentdispatch.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** {@code dispatch agents}. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description =
        "List registered agents: health, workers, running (against the agent's cap), pending,"
            + " what is paused, and which execution classes (lanes) are degraded.")
final class AgentsCommand implements Callable<Integer> {
  private static final String FORMAT = "%-24s  %-9s  %-7s  %-7s  %-14s  %-8s  %-12s  %s";

  @Mixin ClientOptions client;

  @Override
  public Integer call() {
    JsonNode page = client.client().get("/agents", Map.of());
    Output out = client.output();
    if (out.json()) {
      out.raw(page);
      return 0;
    }
    out.line(
        String.format(
            FORMAT,
            "AGENT",
            "STATUS",
            "WORKERS",
            "RUNNING",
            "PENDING",
            "PAUSED",
            "DEGRADED",
            "FUNCTIONS"));
    for (JsonNode a : page.path("items")) {
      StringBuilder fns = new StringBuilder();
      for (JsonNode f : a.path("functions")) {
        fns.append(fns.isEmpty() ? "" : ", ").append(f.path("name").asString());
      }
      JsonNode flow = a.path("flow");
      out.line(
          String.format(
              FORMAT,
              a.path("name").asString(),
              a.path("status").asString(),
              a.path("workers").asInt(),
              Output.running(flow),
              Output.pending(flow),
              paused(flow),
              Output.degraded(flow),
              fns));
    }
    return 0;
  }

  /** {@code yes} for the agent, the paused functions' names, or {@code -}. */
  private static String paused(JsonNode flow) {
    if (!flow.isObject()) {
      return "-";
    }
    if (flow.path("paused").asBoolean()) {
      return "yes";
    }
    StringBuilder functions = new StringBuilder();
    for (JsonNode f : flow.path("functions")) {
      if (f.path("paused").asBoolean()) {
        functions.append(functions.isEmpty() ? "" : ",").append(f.path("name").asString());
      }
    }
    return functions.isEmpty() ? "-" : functions.toString();
  }
}
