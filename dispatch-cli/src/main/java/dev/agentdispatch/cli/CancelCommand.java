package dev.agentdispatch.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dispatch cancel ID [--cascade]}. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel an invocation (a running one stops at its worker's next heartbeat).")
final class CancelCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "INVOCATION_ID")
  String id;

  @Option(names = "--cascade", description = "Also cancel the invocations it started.")
  boolean cascade;

  @Override
  public Integer call() {
    client
        .output()
        .invocation(
            client.client().post("/invocations/" + id + "/cancel", Map.of("cascade", cascade)));
    return 0;
  }
}
