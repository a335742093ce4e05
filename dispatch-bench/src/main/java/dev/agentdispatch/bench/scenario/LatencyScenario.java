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
 * Dispatch latency at a fixed, modest rate with workers already waiting in long-polls: the time
 * from the start of the enqueue call to the lease arriving at a worker. Open loop, so a stall shows
 * as latency.
 */
public final class LatencyScenario implements Scenario {
  /** Workers park in long-polls between arrivals; a second keeps the end of a run prompt. */
  private static final int WAIT_MS = 1_000;

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "%,d/s for %d s (%,d invocations, open loop) · %d waiting workers · lease batch %d · "
            + "payload %d B",
        c.rate(),
        c.duration().toSeconds(),
        c.fixedRateCount(),
        c.workers(),
        c.leaseBatch(),
        c.payloadBytes());
  }

  @Override
  public void prepare(BenchContext ctx) {
    ctx.requireApi().putAgent(ThroughputScenario.AGENT, List.of(ThroughputScenario.FUNCTION));
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    LoadPlan plan =
        new LoadPlan(
            ThroughputScenario.AGENT,
            ThroughputScenario.FUNCTION,
            c.fixedRateCount(),
            0,
            c.rate(),
            c.workers(),
            c.leaseBatch(),
            c.completeBatch(),
            1,
            WAIT_MS,
            c.payloadBytes(),
            c.maxRunTime());
    LoadOutcome o = LoadRun.run(ctx.requireApi(), plan, ctx.progress(), label);
    return Metrics.load(o).build();
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double p50 = r.median("dispatch_p50_ms");
    double p99 = r.median("dispatch_p99_ms");
    return List.of(
        String.format(
            Locale.ROOT,
            "dispatch p50 ≤ 2 ms at 500/s: median p50 %.2f ms — %s",
            p50,
            Scenario.meets(p50 <= 2)),
        String.format(
            Locale.ROOT,
            "dispatch p99 ≤ 10 ms at 500/s: median p99 %.2f ms — %s",
            p99,
            Scenario.meets(p99 <= 10)));
  }
}
