package dev.agentdispatch.cli;

import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.bench.BenchOptions;
import dev.agentdispatch.bench.BenchRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dispatch bench}: the benchmark harness of the dispatch-bench module. The db-scheduler
 * comparison is not in this jar; {@code dispatch-bench/bench} runs it.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark a server through its HTTP API with real workers (docs/performance.md).")
final class BenchCommand implements Callable<Integer> {
  @Mixin BenchOptions options;

  @Override
  public Integer call() throws InterruptedException {
    try {
      return BenchRunner.run(options.toConfig(), System.out, System.err);
    } catch (BenchException e) {
      throw new CliException(e.getMessage());
    }
  }
}
