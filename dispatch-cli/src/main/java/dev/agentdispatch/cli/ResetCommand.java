package dev.agentdispatch.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch reset AGENT [--lane L]}: reset a degraded execution class. */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Reset an execution class of an agent (a lane, or without --lane the default lane): its"
          + " consecutive failures are forgotten and it is no longer degraded, so what waited"
          + " (blocked_by degraded:lane) is leased again."
    })
final class ResetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "AGENT")
  String agent;

  @Option(
      names = {"-l", "--lane"},
      paramLabel = "LANE",
      description = "The lane to reset (default: the default lane).")
  String lane;

  @Override
  public Integer call() {
    String path =
        "/agents/"
            + FlowCommand.segment(agent)
            + "/reset"
            + (lane == null ? "" : "?lane=" + FlowCommand.segment(lane));
    JsonNode flow = client.client().post(path, Map.of());
    Output out = client.output();
    if (out.json()) {
      out.raw(flow);
      return 0;
    }
    out.line((lane == null ? "default lane" : "lane " + lane) + " of agent " + agent + " reset");
    out.flow(flow);
    return 0;
  }
}
