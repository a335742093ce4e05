package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.LoadOutcome;
import dev.agentdispatch.bench.load.Payloads;
import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.load.Producer;
import dev.agentdispatch.bench.load.RunState;
import dev.agentdispatch.bench.load.WorkerPool;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import dev.agentdispatch.bench.server.ProcessProbe;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deep idle backlog: claim latency and the server's live heap on an empty queue, then after
 * {@code --backlog} pending invocations were enqueued, then while workers drain them. The targets:
 * heap flat, claim latency within 2× of the empty queue. One run: filling a million takes minutes.
 */
public final class BacklogScenario implements Scenario {
  static final String AGENT = "bench-backlog";
  private static final int PROBES = 200;
  private static final int WAIT_MS = 200;

  @Override
  public String name() {
    return "backlog";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "%,d pending · filled by %d enqueuers · %d claim probes (lease max=1) · drained by "
            + "%d workers, lease batch %d",
        c.backlog(),
        c.concurrency(),
        PROBES,
        c.workers(),
        c.leaseBatch());
  }

  @Override
  public boolean repeatable() {
    return false;
  }

  @Override
  public void prepare(BenchContext ctx) {
    ctx.requireApi().putAgent(AGENT, List.of(ThroughputScenario.FUNCTION));
  }

  @SuppressWarnings("try") // the progress bar is held open while the phase runs, never referenced
  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    BenchApi api = ctx.requireApi();
    OptionalLong pid =
        ctx.server().flatMap(s -> s.pid()).map(OptionalLong::of).orElse(OptionalLong.empty());
    RunResult.Builder b = new RunResult.Builder();
    ClaimProbe.measure(
        api, AGENT, ThroughputScenario.FUNCTION, PROBES / 4, true); // warms the lease path
    Percentiles empty = ClaimProbe.measure(api, AGENT, ThroughputScenario.FUNCTION, PROBES, true);
    Metrics.percentiles(b, "claim_empty", empty);
    heap(b, "heap_live_empty_mib", pid);

    RunState fill = new RunState(c.maxRunTime().toNanos());
    try (var bar = ctx.progress().start("backlog fill", c.backlog(), fill::acceptedCount)) {
      new Producer(api, AGENT, ThroughputScenario.FUNCTION, new Payloads(c.payloadBytes()), fill)
          .closedLoop(c.backlog(), c.concurrency(), c.enqueueBatch());
    }
    b.put("fill_per_s", fill.acceptedCount() / ((System.nanoTime() - fill.startNanos()) / 1e9));
    b.put("pending_count", fill.acceptedCount());
    heap(b, "heap_live_full_mib", pid);

    Percentiles full = ClaimProbe.measure(api, AGENT, ThroughputScenario.FUNCTION, PROBES, false);
    Metrics.percentiles(b, "claim_backlog", full);

    LoadOutcome drained = drain(ctx, c, fill.acceptedCount() - PROBES, pid, b);
    b.put("drain_per_s", drained.throughputPerSecond()).put("drained_count", drained.completed());
    heap(b, "heap_live_drained_mib", pid);
    // The empty queue again, now with a fully warmed server: the fairer baseline of the two.
    Percentiles emptyAgain =
        ClaimProbe.measure(api, AGENT, ThroughputScenario.FUNCTION, PROBES, true);
    Metrics.percentiles(b, "claim_empty_again", emptyAgain);
    double baseP50 = Math.min(empty.p50(), emptyAgain.p50());
    double baseP99 = Math.min(empty.p99(), emptyAgain.p99());
    b.put("claim_p50_ratio_x", full.p50() / baseP50).put("claim_p99_ratio_x", full.p99() / baseP99);
    if (fill.failureCount() > 0) {
      b.note("fill: " + fill.failureCount() + " failed enqueues, first: " + fill.firstFailure());
    }
    if (drained.timedOut()) {
      b.note("the drain hit --max-seconds: " + drained.completed() + " drained");
    }
    b.note(
        "one run, no warm-up: building the backlog takes minutes; heap_live_* are after a forced full GC; "
            + "the claim ratios are against the faster of the two empty-queue baselines (before fill, after drain)");
    return b.build();
  }

  /**
   * Workers drain the backlog while the heap is sampled (without forcing GCs) every two seconds.
   */
  @SuppressWarnings(
      "try") // the progress bar is held open while the workers drain, never referenced
  private static LoadOutcome drain(
      BenchContext ctx, BenchConfig c, long pending, OptionalLong pid, RunResult.Builder b)
      throws InterruptedException {
    RunState state = new RunState(c.maxRunTime().toNanos());
    state.accepted(pending);
    state.producersDone();
    AtomicLong maxHeap = new AtomicLong();
    Thread sampler =
        Thread.ofVirtual()
            .start(() -> {
              while (!state.finished() && pid.isPresent()) {
                ProcessProbe.heapUsedBytes(pid.getAsLong(), false)
                    .ifPresent(h -> maxHeap.accumulateAndGet(h, Math::max));
                try {
                  Thread.sleep(2000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    WorkerPool workers =
        new WorkerPool(
            ctx.requireApi(),
            AGENT,
            c.workers(),
            c.leaseBatch(),
            c.completeBatch(),
            WAIT_MS,
            state);
    try (var bar = ctx.progress().start("backlog drain", pending, state::completedCount)) {
      workers.join();
    }
    sampler.interrupt();
    if (maxHeap.get() > 0) {
      b.put("heap_used_max_drain_mib", maxHeap.get() / 1048576.0);
    }
    long elapsed =
        state.completedCount() == 0 ? 0 : state.lastCompletionNanos() - state.startNanos();
    return new LoadOutcome(
        pending,
        state.completedCount(),
        state.failureCount(),
        java.util.Optional.ofNullable(state.firstFailure()),
        elapsed,
        0,
        workers.dispatch(),
        workers.completion(),
        state.timedOut(),
        state.leaseCallCount(),
        state.emptyLeaseCallCount());
  }

  private static void heap(RunResult.Builder b, String name, OptionalLong pid) {
    if (pid.isPresent()) {
      ProcessProbe.heapUsedBytes(pid.getAsLong(), true).ifPresent(h -> b.put(name, h / 1048576.0));
    }
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double ratio = r.median("claim_p50_ratio_x");
    double before = r.median("heap_live_empty_mib");
    double after = r.median("heap_live_full_mib");
    return List.of(
        String.format(
            Locale.ROOT,
            "claim latency with the backlog within 2× of an empty queue: p50 ×%.2f — %s",
            ratio,
            Scenario.meets(ratio <= 2)),
        String.format(
            Locale.ROOT,
            "server heap flat: live heap %.1f MiB empty → %.1f MiB with the backlog — %s",
            before,
            after,
            Scenario.meets(after <= before * 1.5 + 16)));
  }
}
