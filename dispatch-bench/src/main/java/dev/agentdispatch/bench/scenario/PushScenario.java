package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.load.LoadOutcome;
import dev.agentdispatch.bench.load.LoadPlan;
import dev.agentdispatch.bench.load.LoadRun;
import dev.agentdispatch.bench.load.PushAgent;
import dev.agentdispatch.bench.load.PushRun;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * gRPC push against pull on the same server, in the same run. The push side is a grpc-java agent in
 * the harness ({@link PushAgent}) that joined through the dispatch-agents door and answers every
 * call at once; the pull side is the harness's raw HTTP workers, as in {@code throughput} and
 * {@code latency}. Each run measures, in this order: pull then push closed-loop throughput ({@code
 * --count} invocations, {@code --concurrency} enqueuers), then pull then push dispatch latency at
 * {@code --rate} for {@code --duration}. Dispatch is enqueue call started → lease received (pull)
 * or call arrived at the agent (push); push also reports enqueue answered → call arrived.
 */
public final class PushScenario implements Scenario {
  static final String PUSH_AGENT = "bench-push";

  /** The SDK subscribes every 30 s; the server shows an agent unhealthy after 60 s without. */
  private static final Duration RESUBSCRIBE_EVERY = Duration.ofSeconds(30);

  private static final int THROUGHPUT_WAIT_MS = 200;
  private static final int LATENCY_WAIT_MS = 1_000;

  private PushAgent agent;
  private Thread resubscriber;

  @Override
  public String name() {
    return "push";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "gRPC push agent vs %d pull workers, same server · throughput: %,d invocations, %d enqueuers "
            + "(closed loop), enqueue batch %d · latency: %,d/s for %d s (open loop) · "
            + "pull lease batch %d · complete batch %d · payload %d B",
        c.workers(),
        c.count(),
        c.concurrency(),
        c.enqueueBatch(),
        c.rate(),
        c.duration().toSeconds(),
        c.leaseBatch(),
        c.completeBatch(),
        c.payloadBytes());
  }

  @Override
  public void prepare(BenchContext ctx) {
    ctx.requireApi().putAgent(ThroughputScenario.AGENT, List.of(ThroughputScenario.FUNCTION));
    agent = PushAgent.start();
    subscribe(ctx);
    resubscriber =
        Thread.ofVirtual()
            .name("bench-push-resubscribe")
            .start(() -> {
              while (true) {
                try {
                  Thread.sleep(RESUBSCRIBE_EVERY);
                } catch (InterruptedException e) {
                  return; // finished
                }
                try {
                  subscribe(ctx);
                } catch (RuntimeException e) {
                  // health only: delivery goes on without it
                }
              }
            });
  }

  private void subscribe(BenchContext ctx) {
    ctx.requireApi().subscribePushAgent(PUSH_AGENT, ThroughputScenario.FUNCTION, agent.address());
  }

  @Override
  public void finish(BenchContext ctx) {
    if (resubscriber != null) {
      resubscriber.interrupt();
    }
    if (agent != null) {
      agent.close();
    }
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    RunResult.Builder b = new RunResult.Builder();

    LoadOutcome pullLoaded =
        LoadRun.run(
            ctx.requireApi(),
            plan(ThroughputScenario.AGENT, c, c.count(), 0, c.enqueueBatch(), THROUGHPUT_WAIT_MS),
            ctx.progress(),
            label + " pull throughput");
    PushRun.Outcome pushLoaded =
        PushRun.run(
            ctx.requireApi(),
            agent,
            plan(PUSH_AGENT, c, c.count(), 0, c.enqueueBatch(), THROUGHPUT_WAIT_MS),
            ctx.progress(),
            label + " push throughput");
    b.put("pull_throughput_per_s", pullLoaded.throughputPerSecond())
        .put("push_throughput_per_s", pushLoaded.throughputPerSecond())
        .put(
            "push_pull_throughput_x",
            pushLoaded.throughputPerSecond() / pullLoaded.throughputPerSecond())
        .put("pull_completed_count", pullLoaded.completed())
        .put("push_completed_count", pushLoaded.completed());

    int n = c.fixedRateCount();
    LoadOutcome pullPaced =
        LoadRun.run(
            ctx.requireApi(),
            plan(ThroughputScenario.AGENT, c, n, c.rate(), 1, LATENCY_WAIT_MS),
            ctx.progress(),
            label + " pull latency");
    PushRun.Outcome pushPaced =
        PushRun.run(
            ctx.requireApi(),
            agent,
            plan(PUSH_AGENT, c, n, c.rate(), 1, LATENCY_WAIT_MS),
            ctx.progress(),
            label + " push latency");
    Metrics.percentiles(b, "pull_dispatch", pullPaced.dispatch());
    Metrics.percentiles(b, "push_dispatch", pushPaced.dispatch());
    Metrics.percentiles(b, "push_accept_to_agent", pushPaced.fromAccepted());
    b.put("push_pull_dispatch_p50_x", pushPaced.dispatch().p50() / pullPaced.dispatch().p50())
        .put("push_pull_dispatch_p99_x", pushPaced.dispatch().p99() / pullPaced.dispatch().p99())
        .put("pull_latency_completed_count", pullPaced.completed())
        .put("push_latency_completed_count", pushPaced.completed());

    notes(b, "pull throughput", pullLoaded);
    notes(b, "push throughput", pushLoaded);
    notes(b, "pull latency", pullPaced);
    notes(b, "push latency", pushPaced);
    return b.build();
  }

  private static LoadPlan plan(
      String agentName, BenchConfig c, long count, int rate, int enqueueBatch, int waitMs) {
    return new LoadPlan(
        agentName,
        ThroughputScenario.FUNCTION,
        count,
        rate > 0 ? 0 : c.concurrency(),
        rate,
        c.workers(),
        c.leaseBatch(),
        c.completeBatch(),
        enqueueBatch,
        waitMs,
        c.payloadBytes(),
        c.maxRunTime());
  }

  private static void notes(RunResult.Builder b, String phase, LoadOutcome o) {
    if (o.failures() > 0) {
      b.note(phase + ": " + o.failures() + " failed calls, first: " + o.firstFailure().orElse("?"));
    }
    if (o.timedOut()) {
      b.note(
          phase + ": hit --max-seconds: " + o.completed() + " of " + o.accepted() + " completed");
    }
  }

  private static void notes(RunResult.Builder b, String phase, PushRun.Outcome o) {
    if (o.failures() > 0) {
      b.note(phase + ": " + o.failures() + " failed calls, first: " + o.firstFailure().orElse("?"));
    }
    if (o.timedOut() || o.unfinished()) {
      b.note(
          phase
              + ": hit --max-seconds: the agent answered "
              + o.completed()
              + " of "
              + o.accepted()
              + (o.unfinished() ? "; the server still had some pending or running" : ""));
    }
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double pushP50 = r.median("push_accept_to_agent_p50_ms");
    double pushFromStart = r.median("push_dispatch_p50_ms");
    double pullP50 = r.median("pull_dispatch_p50_ms");
    double push = r.median("push_throughput_per_s");
    double pull = r.median("pull_throughput_per_s");
    String db = r.db().startsWith("postgres") ? "PostgreSQL" : "SQLite";
    return List.of(
        String.format(
            Locale.ROOT,
            "push dispatch p50 ≤ 2 ms at 500/s (%s), enqueue answered → agent: median p50 %.2f ms "
                + "— %s; from enqueue call started, as pull's dispatch is counted: push %.2f ms, "
                + "pull %.2f ms (%.2f×)",
            db,
            pushP50,
            Scenario.meets(pushP50 <= 2),
            pushFromStart,
            pullP50,
            pushFromStart / pullP50),
        String.format(
            Locale.ROOT,
            "push throughput ≥ 50 %% of pull: median %,.0f/s ÷ %,.0f/s = %.2f× — %s",
            push,
            pull,
            push / pull,
            Scenario.meets(push >= 0.5 * pull)));
  }
}
