package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.Lease;
import dev.agentdispatch.bench.load.LoadOutcome;
import dev.agentdispatch.bench.load.LoadPlan;
import dev.agentdispatch.bench.load.LoadRun;
import dev.agentdispatch.bench.load.Payloads;
import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.load.Producer;
import dev.agentdispatch.bench.load.RunState;
import dev.agentdispatch.bench.load.Samples;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;

/**
 * What flow control costs (docs/flow-control.md, issue 13), on one server in one harness run.
 *
 * <p><b>Throughput with limits against without.</b> Each run sends the same closed-loop load as
 * {@code throughput} ({@code --count} invocations, {@code --concurrency} enqueuers, drained by
 * {@code --workers} workers) twice: to an agent without limits, and to one with {@code
 * max_concurrency = --limit-cap} whose function has {@code key_concurrency = 1}; both get the same
 * requests, their invocations spread round robin over {@code --limit-keys} concurrency keys. The
 * order of the two sides alternates from run to run, so noise falls on both. While the capped side
 * runs, its {@code flow.running} is sampled to check that the cap held.
 *
 * <p><b>Claims beside a blocked key.</b> Once (in the first measured run), {@code --limit-blocked}
 * invocations of one key are enqueued (batches of 1,000) to a second capped agent in a namespace of
 * its own ({@value #CLAIMS_NAMESPACE}, so the throughput runs never share an index with it), the
 * key's one slot is taken by a lease held for the whole scenario, and all the others wait with
 * {@code key_blocked}. Every measured run then times {@code lease(max=1, wait_ms=0)} round trips
 * for single invocations of other keys ({@link ClaimProbe}), in blocks interleaved with the same
 * probe on a third agent with the same limits and an empty queue. The first run also probes the
 * blocked-key agent itself before the fill ({@code claim_prefill_*}).
 *
 * <p>Targets (issue 13): limited throughput ≥ 50 % of unlimited; claim latency with the blocked
 * backlog within 2× of the empty queue. Against a {@code --url} server the backlog stays behind.
 */
public final class LimitsScenario implements Scenario {
  static final String OPEN_AGENT = "bench-limits-open";
  static final String CAPPED_AGENT = "bench-limits-capped";
  static final String BLOCKED_AGENT = "bench-limits-blocked";
  static final String EMPTY_AGENT = "bench-limits-empty";
  static final String BLOCKED_KEY = "blocked";
  static final String CLAIMS_NAMESPACE = "bench-limits";

  private static final int PROBES = 200;
  private static final int PROBE_BLOCK = 50;
  private static final int FILL_BATCH = 1000;
  private static final int FILL_CALLERS = 4;

  /** How often the capped side's running count is read while it runs. */
  private static final long SAMPLE_EVERY_MS = 100;

  private BenchApi claimsApi;
  private int calls;
  private boolean filled;
  private long blockedCount;

  @Override
  public String name() {
    return "limits";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "throughput: %,d invocations over %,d keys · %d enqueuers (closed loop) · enqueue batch %d · "
            + "%d workers, lease batch %d, complete batch %d · unlimited agent vs max_concurrency %d "
            + "+ key_concurrency 1, alternating · claims: %,d invocations of one key (key_concurrency "
            + "1, all but one blocked) vs an empty queue, %d lease(max=1) probes a side per run in "
            + "blocks of %d · payload %d B",
        c.count(),
        c.limitKeys(),
        c.concurrency(),
        c.enqueueBatch(),
        c.workers(),
        c.leaseBatch(),
        c.completeBatch(),
        c.limitCap(),
        c.limitBlocked(),
        PROBES,
        PROBE_BLOCK,
        c.payloadBytes());
  }

  @Override
  public void prepare(BenchContext ctx) {
    BenchApi api = ctx.requireApi();
    BenchConfig c = ctx.config();
    api.putLimitedAgent(OPEN_AGENT, ThroughputScenario.FUNCTION, null, null);
    api.putLimitedAgent(CAPPED_AGENT, ThroughputScenario.FUNCTION, c.limitCap(), 1);
    claimsApi = new BenchApi(ctx.server().orElseThrow().url(), CLAIMS_NAMESPACE);
    claimsApi.putLimitedAgent(BLOCKED_AGENT, ThroughputScenario.FUNCTION, c.limitCap(), 1);
    claimsApi.putLimitedAgent(EMPTY_AGENT, ThroughputScenario.FUNCTION, c.limitCap(), 1);
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    RunResult.Builder b = new RunResult.Builder();
    boolean openFirst = calls++ % 2 == 0;
    LongFunction<String> keys = n -> "k" + (n % c.limitKeys());
    LoadOutcome open = null;
    LoadOutcome capped;
    if (openFirst) {
      open = pass(ctx, c, OPEN_AGENT, keys, label + " unlimited", null);
    }
    AtomicInteger runningMax = new AtomicInteger();
    capped = pass(ctx, c, CAPPED_AGENT, keys, label + " limited", runningMax);
    if (!openFirst) {
      open = pass(ctx, c, OPEN_AGENT, keys, label + " unlimited", null);
    }
    b.put("unlimited_throughput_per_s", open.throughputPerSecond())
        .put("limited_throughput_per_s", capped.throughputPerSecond())
        .put("limited_unlimited_x", capped.throughputPerSecond() / open.throughputPerSecond())
        .put("unlimited_dispatch_p50_ms", open.dispatch().p50())
        .put("limited_dispatch_p50_ms", capped.dispatch().p50())
        .put("unlimited_dispatch_p99_ms", open.dispatch().p99())
        .put("limited_dispatch_p99_ms", capped.dispatch().p99())
        .put("unlimited_enqueue_per_s", open.enqueuePerSecond())
        .put("limited_enqueue_per_s", capped.enqueuePerSecond())
        .put("unlimited_completed_count", open.completed())
        .put("limited_completed_count", capped.completed())
        .put("limited_running_max_count", runningMax.get())
        .put("unlimited_lease_calls_per_invocation", leaseCallsPer(open))
        .put("limited_lease_calls_per_invocation", leaseCallsPer(capped));
    notes(b, "unlimited", open);
    notes(b, "limited", capped);
    if (runningMax.get() > c.limitCap()) {
      b.note(
          "the capped agent showed "
              + runningMax.get()
              + " running at once, over its max_concurrency "
              + c.limitCap());
    }
    if (!label.endsWith("warm-up")) {
      claims(ctx, c, b);
    }
    return b.build();
  }

  /** One closed-loop pass; with {@code runningMax}, the agent's running count is sampled. */
  private static LoadOutcome pass(
      BenchContext ctx,
      BenchConfig c,
      String agent,
      LongFunction<String> keys,
      String label,
      AtomicInteger runningMax)
      throws InterruptedException {
    LoadPlan plan = ThroughputScenario.closedLoop(agent, c);
    Thread sampler = null;
    if (runningMax != null) {
      sampler =
          Thread.ofVirtual()
              .name("bench-limits-sampler")
              .start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    int running = ctx.requireApi().flow(agent).path("running").asInt();
                    runningMax.accumulateAndGet(running, Math::max);
                    Thread.sleep(SAMPLE_EVERY_MS);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException e) {
                    // a missed sample only
                  }
                }
              });
    }
    try {
      return LoadRun.run(ctx.requireApi(), plan, keys, ctx.progress(), label);
    } finally {
      if (sampler != null) {
        sampler.interrupt();
        sampler.join();
      }
    }
  }

  /**
   * Claim latency beside a key with {@code --limit-blocked} waiting invocations against an empty
   * queue; the backlog is built the first time.
   */
  private void claims(BenchContext ctx, BenchConfig c, RunResult.Builder b)
      throws InterruptedException {
    BenchApi api = claimsApi;
    AtomicLong probeKeys = new AtomicLong();
    String fn = ThroughputScenario.FUNCTION;
    if (!filled) {
      Samples prefill = new Samples();
      ClaimProbe.measure(api, BLOCKED_AGENT, fn, PROBES, i -> next(probeKeys), prefill);
      Metrics.percentiles(b, "claim_prefill", Percentiles.of(List.of(prefill)));
      fill(ctx, c, b);
      filled = true;
    }
    JsonNode before = api.flow(BLOCKED_AGENT);
    Samples empty = new Samples();
    Samples blocked = new Samples();
    int foreign = 0;
    for (int done = 0; done < PROBES; done += PROBE_BLOCK) {
      int n = Math.min(PROBE_BLOCK, PROBES - done);
      foreign += ClaimProbe.measure(api, EMPTY_AGENT, fn, n, i -> next(probeKeys), empty);
      foreign += ClaimProbe.measure(api, BLOCKED_AGENT, fn, n, i -> next(probeKeys), blocked);
    }
    JsonNode after = api.flow(BLOCKED_AGENT);
    Percentiles e = Percentiles.of(List.of(empty));
    Percentiles k = Percentiles.of(List.of(blocked));
    Metrics.percentiles(b, "claim_empty", e);
    Metrics.percentiles(b, "claim_blocked", k);
    b.put("claim_p50_ratio_x", k.p50() / e.p50())
        .put("claim_p99_ratio_x", k.p99() / e.p99())
        .put("key_blocked_count", after.path("key_blocked").asInt())
        .put("blocked_agent_running_count", after.path("running").asInt());
    if (foreign > 0) {
      b.note(foreign + " probe lease(s) got an invocation that was not the probe's own");
    }
    int lost = before.path("key_blocked").asInt() - after.path("key_blocked").asInt();
    if (lost != 0 || after.path("key_blocked").asLong() != blockedCount - 1) {
      b.note(
          "the blocked key's waiting invocations went from "
              + before.path("key_blocked").asInt()
              + " to "
              + after.path("key_blocked").asInt()
              + " during the probes (expected "
              + (blockedCount - 1)
              + " throughout)");
    }
  }

  private static String next(AtomicLong probeKeys) {
    return "probe-" + probeKeys.incrementAndGet();
  }

  /**
   * Enqueues the blocked key's invocations, then takes its one slot with a lease held for an hour,
   * so every other one waits with {@code key_blocked} and none is claimable.
   */
  @SuppressWarnings("try") // the progress bar is held open while the phase runs, never referenced
  private void fill(BenchContext ctx, BenchConfig c, RunResult.Builder b)
      throws InterruptedException {
    BenchApi api = claimsApi;
    RunState fill = new RunState(c.maxRunTime().toNanos());
    try (var bar = ctx.progress().start("limits fill", c.limitBlocked(), fill::acceptedCount)) {
      new Producer(
              api,
              BLOCKED_AGENT,
              ThroughputScenario.FUNCTION,
              new Payloads(c.payloadBytes()),
              fill,
              (body, nanos) -> {},
              n -> BLOCKED_KEY)
          .closedLoop(c.limitBlocked(), FILL_CALLERS, FILL_BATCH);
    }
    double seconds = (System.nanoTime() - fill.startNanos()) / 1e9;
    blockedCount = fill.acceptedCount();
    b.put("fill_per_s", blockedCount / seconds);
    if (fill.failureCount() > 0) {
      b.note("fill: " + fill.failureCount() + " failed enqueues, first: " + fill.firstFailure());
    }
    List<Lease> held = api.lease("bench-limits-holder", BLOCKED_AGENT, 1, 5_000, 3600);
    if (held.size() != 1) {
      throw new BenchException(
          "limits: expected to lease the blocked key's one free invocation, got " + held.size());
    }
  }

  private static double leaseCallsPer(LoadOutcome o) {
    return o.completed() == 0 ? Double.NaN : (double) o.leaseCalls() / o.completed();
  }

  private static void notes(RunResult.Builder b, String side, LoadOutcome o) {
    if (o.failures() > 0) {
      b.note(side + ": " + o.failures() + " failed calls, first: " + o.firstFailure().orElse("?"));
    }
    if (o.timedOut()) {
      b.note(side + ": hit --max-seconds: " + o.completed() + " of " + o.accepted() + " completed");
    }
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double limited = r.median("limited_throughput_per_s");
    double open = r.median("unlimited_throughput_per_s");
    double p50 = r.median("claim_p50_ratio_x");
    double p99 = r.median("claim_p99_ratio_x");
    return List.of(
        String.format(
            Locale.ROOT,
            "throughput with limits ≥ 50 %% of without: median %,.0f/s ÷ %,.0f/s = %.2f× (per-run "
                + "median %.2f×) — %s",
            limited,
            open,
            limited / open,
            r.median("limited_unlimited_x"),
            Scenario.meets(limited >= 0.5 * open)),
        String.format(
            Locale.ROOT,
            "claim latency beside %,.0f blocked invocations within 2× of an empty queue: p50 ×%.2f, "
                + "p99 ×%.2f — %s",
            r.median("key_blocked_count"),
            p50,
            p99,
            Scenario.meets(p50 <= 2 && p99 <= 2)));
  }
}
