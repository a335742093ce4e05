package dev.agentdispatch.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The bench module's own entry point, run with its full classpath by {@code dispatch-bench/bench}:
 * unlike the runnable jar's {@code dispatch bench}, it has db-scheduler on the classpath for {@code
 * compare}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark a server through its HTTP API with real workers; see docs/performance.md.")
public final class BenchMain implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Override
  public Integer call() throws Exception {
    return BenchRunner.run(options.toConfig(), System.out, System.err);
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new BenchMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof BenchException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 1;
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }
}
