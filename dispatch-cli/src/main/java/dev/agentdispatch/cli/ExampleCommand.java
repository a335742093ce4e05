package dev.agentdispatch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dispatch example greeter|chat|all}: runs bundled example agents against the server. */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    description =
        "Run a bundled example agent (greeter, chat, or all of them) against the server until"
            + " Ctrl-C.")
final class ExampleCommand implements Callable<Integer> {
  private static final List<String> NAMES = List.of("greeter", "chat", "all");

  @picocli.CommandLine.Mixin ClientOptions client;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The example to run: greeter, chat, or all (both, one process).")
  String name;

  @Override
  public Integer call() throws InterruptedException {
    if (!NAMES.contains(name)) {
      throw new CliException(
          "no example called '" + name + "'; there is: " + String.join(", ", NAMES));
    }
    return ExampleRunner.run(client, name);
  }
}
