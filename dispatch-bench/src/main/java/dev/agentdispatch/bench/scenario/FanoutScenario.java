package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.RunState;
import dev.agentdispatch.bench.load.WorkerPool;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One event published to a topic with {@code --fanout} subscribed functions (DESIGN §5 {@code POST
 * /events}): the time until the server answers that all invocations are enqueued, then until
 * workers leased and completed them all. Reports "not available" while the server has no {@code
 * POST /events} route.
 */
public final class FanoutScenario implements Scenario {
  static final String AGENT = "bench-fanout";
  static final String TOPIC = "bench.fanout";
  private static final int WAIT_MS = 200;

  @Override
  public String name() {
    return "fanout";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "1 event → %,d subscribed functions · %d workers · lease batch %d",
        c.fanout(),
        c.workers(),
        c.leaseBatch());
  }

  @Override
  public Optional<String> unavailable(BenchContext ctx) {
    BenchApi.Answer probe = ctx.requireApi().send("POST", "/events", "{}");
    // An unknown route is a 404 that names the endpoint; a known route answers 400/422 to an empty
    // body.
    boolean noRoute =
        probe.status() == 404
            && (probe.body().contains("Endpoint") || probe.body().contains("no route"));
    if (noRoute || probe.status() == 405) {
      return Optional.of(
          "not available: needs POST /v1/namespaces/{ns}/events (issue 3); the server answered "
              + probe.status());
    }
    return Optional.empty();
  }

  @Override
  public void prepare(BenchContext ctx) {
    int n = ctx.config().fanout();
    List<String> functions = IntStream.range(0, n).mapToObj(i -> "f" + i).toList();
    BenchApi.Answer a = ctx.requireApi().putSubscribedAgent(AGENT, functions, TOPIC);
    if (a.status() != 200) {
      throw new BenchException(
          "registering " + n + " topic subscribers answered " + a.status() + ": " + a.body());
    }
  }

  @SuppressWarnings("try") // the progress bar is held open while the phase runs, never referenced
  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    BenchApi api = ctx.requireApi();
    RunState state = new RunState(c.maxRunTime().toNanos());
    WorkerPool workers =
        new WorkerPool(api, AGENT, c.workers(), c.leaseBatch(), c.completeBatch(), WAIT_MS, state);
    long start = System.nanoTime();
    BenchApi.Answer a =
        api.send(
            "POST", "/events", "{\"topic\":\"" + TOPIC + "\",\"payload\":{\"t\":" + start + "}}");
    long enqueued = System.nanoTime();
    int handlers = a.status() == 202 ? api.tree(a.body()).path("handler_count").asInt() : 0;
    state.accepted(handlers);
    state.producersDone();
    try (var bar = ctx.progress().start(label, handlers, state::completedCount)) {
      workers.join();
    }
    RunResult.Builder b =
        new RunResult.Builder()
            .put("fanout_enqueued_ms", (enqueued - start) / 1e6)
            .put("handler_count", handlers)
            .put(
                "all_completed_ms",
                state.completedCount() == 0
                    ? Double.NaN
                    : (state.lastCompletionNanos() - start) / 1e6);
    Metrics.percentiles(b, "dispatch", workers.dispatch());
    if (a.status() != 202) {
      b.note("POST /events answered " + a.status() + ": " + a.body());
    }
    return b.build();
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double ms = r.median("fanout_enqueued_ms");
    return List.of(
        String.format(
            Locale.ROOT,
            "fan-out of one event to 1,000 functions ≤ 50 ms until all enqueued (issue 18): "
                + "median %.1f ms — %s",
            ms,
            Scenario.meets(ms <= 50)));
  }
}
