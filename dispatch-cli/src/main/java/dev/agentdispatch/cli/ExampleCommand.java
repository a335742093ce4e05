package dev.agentdispatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dispatch example greeter}: runs a bundled example agent against the server. */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    description = "Run a bundled example agent (greeter) against the server until Ctrl-C.")
final class ExampleCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "NAME", description = "The example to run: greeter.")
  String name;

  @Override
  public Integer call() throws InterruptedException {
    if (!name.equals("greeter")) {
      throw new CliException("no example called '" + name + "'; there is: greeter");
    }
    return ExampleRunner.runGreeter(client);
  }
}
