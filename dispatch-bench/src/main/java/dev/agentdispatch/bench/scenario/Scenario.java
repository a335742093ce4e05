package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark: set up once, then run a number of times; the runner adds CPU, heap and database
 * size.
 */
public interface Scenario {
  String name();

  /** The parameters that matter for this scenario, for the report. */
  String parameters(BenchConfig config);

  /** Why the scenario cannot run against this server, if it cannot (e.g. a missing endpoint). */
  default Optional<String> unavailable(BenchContext ctx) {
    return Optional.empty();
  }

  /** One-time setup (register the agent). */
  default void prepare(BenchContext ctx) {}

  /** Releases what {@link #prepare} started (e.g. an agent's server); runs even after a failure. */
  default void finish(BenchContext ctx) {}

  /** One run with {@code config} (a warm-up run gets a shorter one). */
  RunResult run(BenchContext ctx, BenchConfig config, String label) throws InterruptedException;

  /** False for scenarios too long to repeat (the backlog): one run, no warm-up. */
  default boolean repeatable() {
    return true;
  }

  /** False for scenarios that bring their own system under test. */
  default boolean needsServer() {
    return true;
  }

  /**
   * The DESIGN §15 targets this scenario is held to, each with what was measured against it.
   *
   * @param earlier the reports of scenarios that ran before it in the same harness run
   */
  default List<String> verdicts(ScenarioReport report, List<ScenarioReport> earlier) {
    return List.of();
  }

  /** "meets" or "short", for a verdict line. */
  static String meets(boolean ok) {
    return ok ? "meets target" : "SHORT of target";
  }
}
