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
    description = "List registered agents and their health.")
final class AgentsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Override
  public Integer call() {
    JsonNode page = client.client().get("/agents", Map.of());
    Output out = client.output();
    if (out.json()) {
      out.raw(page);
      return 0;
    }
    out.line(String.format("%-24s  %-9s  %-7s  %s", "AGENT", "STATUS", "WORKERS", "FUNCTIONS"));
    for (JsonNode a : page.path("items")) {
      StringBuilder fns = new StringBuilder();
      for (JsonNode f : a.path("functions")) {
        fns.append(fns.isEmpty() ? "" : ", ").append(f.path("name").asString());
      }
      out.line(
          String.format(
              "%-24s  %-9s  %-7d  %s",
              a.path("name").asString(),
              a.path("status").asString(),
              a.path("workers").asInt(),
              fns));
    }
    return 0;
  }
}
