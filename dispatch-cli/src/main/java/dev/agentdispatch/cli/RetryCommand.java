package dev.agentdispatch.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dispatch retry ID}. */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description =
        "Re-run a finished invocation (e.g. from the dead-letter list) with a fresh attempt budget.")
final class RetryCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "INVOCATION_ID")
  String id;

  @Override
  public Integer call() {
    client.output().invocation(client.client().post("/invocations/" + id + "/retry", Map.of()));
    return 0;
  }
}
