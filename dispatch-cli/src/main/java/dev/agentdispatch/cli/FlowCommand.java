package dev.agentdispatch.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch pause|resume AGENT [--function F]}: flow control of an agent or a function. */
abstract class FlowCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "AGENT")
  String agent;

  @Option(
      names = {"-f", "--function"},
      paramLabel = "FUNCTION",
      description = "Only this function of the agent.")
  String function;

  /** {@code pause} or {@code resume}: the last segment of the route, and the verb printed. */
  abstract String action();

  @Override
  public Integer call() {
    String path =
        "/agents/"
            + segment(agent)
            + (function == null ? "" : "/functions/" + segment(function))
            + "/"
            + action();
    JsonNode flow = client.client().post(path, Map.of());
    Output out = client.output();
    if (out.json()) {
      out.raw(flow);
      return 0;
    }
    String done = action().equals("pause") ? "paused" : "resumed";
    out.line(
        (function == null ? "agent " + agent : "function " + agent + "." + function) + " " + done);
    out.flow(flow);
    return 0;
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code dispatch pause}. */
  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = {
        "Pause dispatch to an agent, or to one of its functions: nothing of it is leased until"
            + " 'dispatch resume'. New invocations are still accepted and wait pending"
            + " (blocked_by paused:agent / paused:function); running ones run on."
      })
  static final class Pause extends FlowCommand {
    @Override
    String action() {
      return "pause";
    }
  }

  /** {@code dispatch resume}. */
  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = {
        "Resume dispatch to a paused agent or function; what waited is leased at once. Resuming"
            + " the agent leaves a paused function paused, and the other way round."
      })
  static final class Resume extends FlowCommand {
    @Override
    String action() {
      return "resume";
    }
  }
}
