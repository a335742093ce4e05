package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.load.LoadOutcome;
import dev.agentdispatch.bench.load.LoadPlan;
import dev.agentdispatch.bench.load.LoadRun;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.util.List;
import java.util.Locale;

/**
 * Maximum sustained end-to-end rate: closed-loop enqueuers as fast as the server admits, workers
 * leasing and completing in batches; throughput is completions over first enqueue → last
 * completion.
 */
public final class ThroughputScenario implements Scenario {
  static final String AGENT = "bench-noop";
  static final String FUNCTION = "noop";

  /** Short long-polls: at the end of a run idle workers must notice quickly that it is over. */
  private static final int WAIT_MS = 200;

  @Override
  public String name() {
    return "throughput";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "%,d invocations · %d enqueuers (closed loop) · enqueue batch %d · %d workers · "
            + "lease batch %d · complete batch %d · payload %d B",
        c.count(),
        c.concurrency(),
        c.enqueueBatch(),
        c.workers(),
        c.leaseBatch(),
        c.completeBatch(),
        c.payloadBytes());
  }

  @Override
  public void prepare(BenchContext ctx) {
    ctx.requireApi().putAgent(AGENT, List.of(FUNCTION));
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    LoadOutcome o = LoadRun.run(ctx.requireApi(), closedLoop(AGENT, c), ctx.progress(), label);
    return Metrics.load(o).build();
  }

  /**
   * This scenario's closed-loop load ({@code --count} invocations of {@value #FUNCTION} by {@code
   * --concurrency} enqueuers, drained by {@code --workers} workers) for {@code agent}: the load
   * other scenarios compare against.
   */
  static LoadPlan closedLoop(String agent, BenchConfig c) {
    return new LoadPlan(
        agent,
        FUNCTION,
        c.count(),
        c.concurrency(),
        0,
        c.workers(),
        c.leaseBatch(),
        c.completeBatch(),
        c.enqueueBatch(),
        WAIT_MS,
        c.payloadBytes(),
        c.maxRunTime());
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double tps = r.median("throughput_per_s");
    boolean pg = r.db().startsWith("postgres");
    int target = pg ? 5_000 : 10_000;
    return List.of(
        String.format(
            Locale.ROOT,
            "%s durable ≥ %,d invocations/s end to end: median %,.0f/s — %s",
            pg ? "PostgreSQL" : "SQLite",
            target,
            tps,
            Scenario.meets(tps >= target)));
  }
}
