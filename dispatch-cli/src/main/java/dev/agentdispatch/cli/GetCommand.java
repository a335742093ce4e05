package dev.agentdispatch.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch get ID [--wait]}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show an invocation.")
final class GetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "INVOCATION_ID")
  String id;

  @Option(
      names = "--wait",
      arity = "0..1",
      fallbackValue = "60",
      paramLabel = "SECONDS",
      description = "Wait for it to end (up to SECONDS).")
  Integer wait;

  @Override
  public Integer call() {
    ApiClient api = client.client();
    JsonNode inv =
        wait == null ? api.get("/invocations/" + id, Map.of()) : Waiting.untilDone(api, id, wait);
    client.output().invocation(inv);
    return 0;
  }
}
