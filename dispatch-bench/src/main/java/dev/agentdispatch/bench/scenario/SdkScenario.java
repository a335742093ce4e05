package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.LoadOutcome;
import dev.agentdispatch.bench.load.LoadRun;
import dev.agentdispatch.bench.load.SdkLoadRun;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.util.List;
import java.util.Locale;

/**
 * The Java SDK's worker as the consumer against the raw wire-protocol workers (issue 18): each run
 * sends the {@code throughput} scenario's closed-loop load twice, once drained by {@code --workers}
 * raw lease loops and once by as many SDK workers (each with {@code --lease-batch} handler slots,
 * completions batched up to {@code --complete-batch}), to two agents on the same server; the order
 * alternates from run to run so noise falls on both. The SDK side counts an invocation done when
 * its handler returns (the SDK completes it in its next batch, a few milliseconds later), the raw
 * side when its completion is acknowledged. Target: the SDK within 20% of the raw workers.
 */
public final class SdkScenario implements Scenario {
  static final String RAW_AGENT = "bench-sdk-raw";
  static final String SDK_AGENT = "bench-sdk";

  private int calls;

  @Override
  public String name() {
    return "sdk";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "%,d invocations · %d enqueuers (closed loop) · enqueue batch %d · %d raw workers vs %d"
            + " SDK workers (lease batch / slots %d, complete batch %d), alternating · payload %d B",
        c.count(),
        c.concurrency(),
        c.enqueueBatch(),
        c.workers(),
        c.workers(),
        c.leaseBatch(),
        c.completeBatch(),
        c.payloadBytes());
  }

  @Override
  public void prepare(BenchContext ctx) {
    ctx.requireApi().putAgent(RAW_AGENT, List.of(ThroughputScenario.FUNCTION));
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    BenchApi api = ctx.requireApi();
    boolean rawFirst = calls++ % 2 == 0;
    LoadOutcome raw = null;
    if (rawFirst) {
      raw = LoadRun.run(api, ThroughputScenario.closedLoop(RAW_AGENT, c), ctx.progress(), label);
    }
    LoadOutcome sdk =
        SdkLoadRun.run(
            api,
            api.root(),
            api.namespace(),
            ThroughputScenario.closedLoop(SDK_AGENT, c),
            ctx.progress(),
            label + " sdk");
    if (!rawFirst) {
      raw = LoadRun.run(api, ThroughputScenario.closedLoop(RAW_AGENT, c), ctx.progress(), label);
    }
    RunResult.Builder b =
        new RunResult.Builder()
            .put("raw_throughput_per_s", raw.throughputPerSecond())
            .put("sdk_throughput_per_s", sdk.throughputPerSecond())
            .put("sdk_raw_x", sdk.throughputPerSecond() / raw.throughputPerSecond())
            .put("raw_dispatch_p50_ms", raw.dispatch().p50())
            .put("sdk_dispatch_p50_ms", sdk.dispatch().p50())
            .put("raw_dispatch_p99_ms", raw.dispatch().p99())
            .put("sdk_dispatch_p99_ms", sdk.dispatch().p99())
            .put("raw_completed_count", raw.completed())
            .put("sdk_completed_count", sdk.completed());
    if (sdk.completed() < sdk.accepted() || raw.completed() < raw.accepted()) {
      b.note(
          "not all completed: raw "
              + raw.completed()
              + "/"
              + raw.accepted()
              + ", sdk "
              + sdk.completed()
              + "/"
              + sdk.accepted());
    }
    sdk.firstFailure().ifPresent(f -> b.note("sdk side failed: " + f));
    raw.firstFailure().ifPresent(f -> b.note("raw side failed: " + f));
    return b.build();
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double x = r.median("sdk_raw_x");
    return List.of(
        String.format(
            Locale.ROOT,
            "SDK worker throughput within 20%% of the raw workers: median %.2f× — %s",
            x,
            Scenario.meets(x >= 0.8)));
  }
}
