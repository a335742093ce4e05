package dev.agentdispatch.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The flags of {@code dispatch bench}, shared by the CLI subcommand and the bench module's own
 * entry point ({@link BenchMain}) as a picocli mixin.
 */
public final class BenchOptions {
  @Parameters(
      arity = "1..*",
      paramLabel = "SCENARIO",
      description =
          "throughput, latency, fanout, backlog, compare (db-scheduler side by side), push (gRPC "
              + "push vs pull workers), llm (gateway vs the stand-in provider directly), limits "
              + "(flow control: throughput with caps vs without, claims beside a blocked key), "
              + "observability (throughput with metrics and tracing off, metrics on, 100 %% traced; "
              + "SQLite), sdk (the Java SDK's worker vs the raw workers), or all.")
  List<String> scenarios = new ArrayList<>();

  @Option(
      names = "--db",
      description =
          "Database of the started server: sqlite:PATH or postgresql://USER@127.0.0.1:5432/DB "
              + "(default: a fresh SQLite file in a temporary folder).")
  String db;

  @Option(
      names = "--url",
      description = "Drive this already running server (loopback only) instead of starting one.")
  URI url;

  @Option(
      names = "--server-pid",
      description = "Process id of the --url server, to read its CPU and heap.")
  Long serverPid;

  @Option(
      names = "--count",
      defaultValue = "20000",
      description =
          "Invocations per measured run; llm: the most calls per side of its closed loop "
              + "(default ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "Invocations per second in the latency scenario (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--duration",
      defaultValue = "10",
      description = "Seconds a fixed-rate run sends for (default ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      description =
          "Closed-loop enqueuers in the throughput scenario, clients in llm's (default "
              + "${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--payload-bytes",
      defaultValue = "128",
      description = "Approximate payload size in bytes (default ${DEFAULT-VALUE}).")
  int payloadBytes;

  @Option(
      names = "--lease-batch",
      defaultValue = "100",
      description = "max of each lease call, 1..1000 (default ${DEFAULT-VALUE}).")
  int leaseBatch;

  @Option(
      names = "--complete-batch",
      defaultValue = "100",
      description = "Results per complete call (default ${DEFAULT-VALUE}).")
  int completeBatch;

  @Option(
      names = "--enqueue-batch",
      defaultValue = "1",
      description =
          "Invocations per enqueue call in the throughput scenario; above 1 uses POST /invocations/batch "
              + "(default ${DEFAULT-VALUE}).")
  int enqueueBatch;

  @Option(
      names = "--workers",
      defaultValue = "4",
      description = "Worker loops (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--runs",
      defaultValue = "5",
      description =
          "Measured runs per scenario; the report gives medians and spread (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--no-warmup", description = "Skip the discarded warm-up run.")
  boolean noWarmup;

  @Option(
      names = "--max-seconds",
      defaultValue = "300",
      description =
          "Upper bound of any one run; it stops by itself then (default ${DEFAULT-VALUE}).")
  int maxSeconds;

  @Option(
      names = "--backlog",
      defaultValue = "1000000",
      description = "Pending invocations of the backlog scenario (default ${DEFAULT-VALUE}).")
  int backlog;

  @Option(
      names = "--fanout",
      defaultValue = "1000",
      description = "Subscribed functions in the fan-out scenario (default ${DEFAULT-VALUE}).")
  int fanout;

  @Option(
      names = "--llm-calls",
      defaultValue = "2000",
      description =
          "llm scenario: sequential calls per side (direct, gateway) and per mode (plain, streaming) "
              + "in each run's latency part (default ${DEFAULT-VALUE}).")
  int llmCalls;

  @Option(
      names = "--no-llm-budget",
      description =
          "llm scenario: set no namespace budget, so admission reads only (by default a budget "
              + "no run reaches is set, and every proxied call writes its hold).")
  boolean noLlmBudget;

  @Option(
      names = "--limit-keys",
      defaultValue = "1000",
      description =
          "limits scenario: concurrency keys its throughput runs spread over (default ${DEFAULT-VALUE}).")
  int limitKeys;

  @Option(
      names = "--limit-cap",
      defaultValue = "64",
      description =
          "limits scenario: max_concurrency of the capped agent, whose function has key_concurrency 1 "
              + "(default ${DEFAULT-VALUE}).")
  int limitCap;

  @Option(
      names = "--limit-blocked",
      defaultValue = "100000",
      description =
          "limits scenario: invocations of one key kept waiting behind its one slot while claims are "
              + "timed (default ${DEFAULT-VALUE}).")
  int limitBlocked;

  @Option(
      names = "--peer-db",
      defaultValue = "postgresql://postgres@127.0.0.1:5432/bench_dbs",
      description =
          "PostgreSQL database for db-scheduler in the compare scenario (created if missing; default ${DEFAULT-VALUE}).")
  String peerDb;

  @Option(
      names = "--server-heap",
      defaultValue = "1g",
      description = "-Xmx of the started server (default ${DEFAULT-VALUE}).")
  String serverHeap;

  @Option(
      names = "--jfr",
      description =
          "Record the started server with JDK Flight Recorder into this file (profile settings).")
  Path jfr;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Draw a progress bar on stderr (default: when stderr is a terminal).")
  Boolean progress;

  /**
   * Validates the flags into a configuration ({@link IllegalArgumentException} names the bad one).
   */
  public BenchConfig toConfig() {
    List<String> names = scenarios.contains("all") ? BenchConfig.SCENARIOS : scenarios;
    return new BenchConfig(
        names,
        Optional.ofNullable(db),
        Optional.ofNullable(url),
        Optional.ofNullable(serverPid),
        count,
        rate,
        Duration.ofSeconds(durationSeconds),
        concurrency,
        payloadBytes,
        leaseBatch,
        completeBatch,
        enqueueBatch,
        workers,
        runs,
        !noWarmup,
        Duration.ofSeconds(maxSeconds),
        backlog,
        fanout,
        llmCalls,
        !noLlmBudget,
        limitKeys,
        limitCap,
        limitBlocked,
        peerDb,
        serverHeap,
        Optional.ofNullable(jfr),
        json,
        progress != null ? progress : stderrIsTerminal());
  }

  /**
   * Since JDK 22 {@code System.console()} exists even when output is redirected; {@code
   * Console.isTerminal()} (22+, so called reflectively from this Java 21 code) tells the truth.
   */
  private static boolean stderrIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
