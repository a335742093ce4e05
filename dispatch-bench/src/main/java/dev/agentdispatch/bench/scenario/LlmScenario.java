package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.bench.BenchRunner;
import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.LlmClient;
import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.load.Samples;
import dev.agentdispatch.bench.report.MetricSummary;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import dev.agentdispatch.llm.standin.StandInProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The LLM gateway's overhead: the same OpenAI chat completions sent to the stand-in provider
 * directly and through the gateway, in the same run. The stand-in ({@link StandInProvider}) runs in
 * the harness's JVM on loopback (both sides call the same one, so its cost is in both and cancels
 * out of the difference); the server runs in its own JVM as in the other scenarios, with one
 * provider pointing at the stand-in and a namespace budget, so every proxied call is admitted (a
 * hold written) and settled (its row and the counters written) in the ledger. Each run:
 *
 * <ol>
 *   <li>plain latency: {@code --llm-calls} sequential calls per side (closed loop, one at a time),
 *       alternating blocks of {@value #BLOCK} direct and {@value #BLOCK} gateway calls (the order
 *       flipping each block) so noise hits both;
 *   <li>streaming time to first token: the same with {@code "stream": true}, timed to the end of
 *       the first SSE {@code data:} line, the rest read to its end;
 *   <li>throughput: {@code --concurrency} closed-loop virtual-thread clients for up to {@code
 *       --count} calls or {@code --duration}, whichever ends first, direct then through the
 *       gateway;
 *   <li>the ledger: the namespace's recorded calls ({@code GET …/usage}) before and after the run
 *       must differ by exactly the calls sent through the gateway.
 * </ol>
 */
public final class LlmScenario implements Scenario {
  static final String PROVIDER = "bench-standin";

  /** Calls of one side in a row before the other side's turn, in the latency parts. */
  static final int BLOCK = 50;

  /** A budget no bench reaches, so admission writes its hold but never refuses. */
  private static final String BUDGET = "{\"monthly_budget_usd\": 1000000}";

  /** How long the ledger may take to show the last calls (it settles before answering today). */
  private static final Duration LEDGER_WAIT = Duration.ofSeconds(10);

  private final LlmClient client = new LlmClient();
  private StandInProvider standIn;
  private URI direct;
  private URI gateway;

  @Override
  public String name() {
    return "llm";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "OpenAI chat completions, direct to the stand-in provider (harness JVM, loopback) vs "
            + "through the gateway (server JVM), same run · latency: %,d sequential calls per side, "
            + "plain then streaming, alternating blocks of %d · throughput: %d closed-loop clients, "
            + "up to %,d calls or %d s per side · %s",
        c.llmCalls(),
        BLOCK,
        c.concurrency(),
        c.count(),
        c.duration().toSeconds(),
        c.llmBudget()
            ? "namespace budget set (every call admitted against it and its cost recorded)"
            : "no budget (--no-llm-budget: admission reads only, one write to settle)");
  }

  @Override
  public Optional<String> unavailable(BenchContext ctx) {
    int status = ctx.requireApi().send("GET", "/llm/providers", null).status();
    return status == 404
        ? Optional.of("not available: needs the LLM gateway (GET …/llm/providers answered 404)")
        : Optional.empty();
  }

  @Override
  public void prepare(BenchContext ctx) {
    standIn = StandInProvider.start();
    BenchApi api = ctx.requireApi();
    expect(
        api.send(
            "PUT",
            "/llm/providers/" + PROVIDER,
            "{\"format\":\"openai\",\"base_url\":\""
                + standIn.baseUrl()
                + "\",\"default_model\":\"standin-small\",\"priority\":0}"),
        "configure the provider");
    if (ctx.config().llmBudget()) {
      expect(api.send("PUT", "/llm/budget", BUDGET), "set the namespace budget");
    } else {
      int status = api.send("DELETE", "/llm/budget", null).status();
      if (status != 204 && status != 404) {
        throw new BenchException("removing the namespace budget answered " + status);
      }
    }
    direct = LlmClient.chatCompletions(standIn.baseUrl());
    URI server = ctx.server().orElseThrow().url();
    gateway =
        LlmClient.chatCompletions(
            URI.create(
                server.toString().replaceAll("/+$", "")
                    + "/v1/namespaces/"
                    + BenchRunner.NAMESPACE
                    + "/llm/openai/v1"));
  }

  @Override
  public void finish(BenchContext ctx) {
    if (standIn != null) {
      standIn.close();
    }
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    BenchApi api = ctx.requireApi();
    long recordedBefore = recordedCalls(api);
    int n = Math.min(c.llmCalls(), c.count());
    RunResult.Builder b = new RunResult.Builder();

    Samples directPlain = new Samples();
    Samples gatewayPlain = new Samples();
    alternate(
        n,
        () -> directPlain.add(client.plain(direct)),
        () -> gatewayPlain.add(client.plain(gateway)));
    Percentiles dp = Percentiles.of(List.of(directPlain));
    Percentiles gp = Percentiles.of(List.of(gatewayPlain));
    Metrics.percentiles(b, "direct", dp);
    Metrics.percentiles(b, "gateway", gp);
    b.put("added_p50_ms", gp.p50() - dp.p50()).put("added_p99_ms", gp.p99() - dp.p99());

    Samples directStream = new Samples();
    Samples gatewayStream = new Samples();
    alternate(
        n,
        () -> directStream.add(client.timeToFirstData(direct)),
        () -> gatewayStream.add(client.timeToFirstData(gateway)));
    Percentiles ds = Percentiles.of(List.of(directStream));
    Percentiles gs = Percentiles.of(List.of(gatewayStream));
    Metrics.percentiles(b, "direct_ttft", ds);
    Metrics.percentiles(b, "gateway_ttft", gs);
    b.put("added_ttft_p50_ms", gs.p50() - ds.p50()).put("added_ttft_p99_ms", gs.p99() - ds.p99());

    Duration window = c.duration().compareTo(c.maxRunTime()) < 0 ? c.duration() : c.maxRunTime();
    Loaded directLoad = closedLoop(direct, c.concurrency(), c.count(), window);
    Loaded gatewayLoad = closedLoop(gateway, c.concurrency(), c.count(), window);
    b.put("direct_calls_per_s", directLoad.perSecond())
        .put("gateway_calls_per_s", gatewayLoad.perSecond())
        .put("gateway_direct_x", gatewayLoad.perSecond() / directLoad.perSecond());

    long sent = 2L * n + gatewayLoad.ok() + gatewayLoad.failed();
    long recorded = awaitRecorded(api, recordedBefore, sent);
    b.put("gateway_sent_count", sent)
        .put("ledger_recorded_count", recorded)
        .put("ledger_missing_count", sent - recorded);
    directLoad.note(b, label + " direct throughput");
    gatewayLoad.note(b, label + " gateway throughput");
    if (recorded != sent) {
      b.note(label + ": the ledger recorded " + recorded + " of " + sent + " proxied calls");
    }
    return b.build();
  }

  /**
   * {@code n} calls of each side, in blocks of {@link #BLOCK}: direct then gateway, then gateway
   * then direct, and so on. A failed call fails the run: latency of a partly failing side means
   * nothing.
   */
  private static void alternate(int n, Runnable directCall, Runnable gatewayCall) {
    int done = 0;
    for (int block = 0; done < n; block++) {
      int size = Math.min(BLOCK, n - done);
      Runnable first = block % 2 == 0 ? directCall : gatewayCall;
      Runnable second = block % 2 == 0 ? gatewayCall : directCall;
      for (int i = 0; i < size; i++) {
        first.run();
      }
      for (int i = 0; i < size; i++) {
        second.run();
      }
      done += size;
    }
  }

  /** What one closed-loop throughput side did. */
  private record Loaded(long ok, long failed, double perSecond, Optional<String> firstFailure) {
    void note(RunResult.Builder b, String phase) {
      if (failed > 0) {
        b.note(phase + ": " + failed + " failed calls, first: " + firstFailure.orElse("?"));
      }
    }
  }

  /**
   * {@code concurrency} virtual threads each sending plain calls back to back until {@code count}
   * calls have been taken or {@code window} has passed; calls per second = answered ÷ (start → last
   * answer).
   */
  private Loaded closedLoop(URI target, int concurrency, long count, Duration window)
      throws InterruptedException {
    AtomicLong tickets = new AtomicLong(count);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    AtomicReference<String> first = new AtomicReference<>();
    long t0 = System.nanoTime();
    long deadline = t0 + window.toNanos();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        clients.submit(() -> {
          while (System.nanoTime() < deadline && tickets.getAndDecrement() > 0) {
            try {
              client.plain(target);
              ok.incrementAndGet();
            } catch (BenchException e) {
              failed.incrementAndGet();
              first.compareAndSet(null, e.getMessage());
            }
            lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
          }
        });
      }
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    double seconds = Math.max(1, lastAnswer.get() - t0) / 1e9;
    return new Loaded(ok.get(), failed.get(), ok.get() / seconds, Optional.ofNullable(first.get()));
  }

  /** The namespace's calls recorded this month, all models ({@code GET …/usage}). */
  private static long recordedCalls(BenchApi api) {
    BenchApi.Answer a = api.send("GET", "/usage?group_by=model", null);
    if (a.status() != 200) {
      throw new BenchException("GET …/usage answered " + a.status() + ": " + a.body());
    }
    return api.tree(a.body()).path("total").path("calls").asLong();
  }

  /**
   * Waits (briefly) until the ledger shows {@code sent} more calls than before; returns how many
   * more it shows.
   */
  private static long awaitRecorded(BenchApi api, long before, long sent)
      throws InterruptedException {
    long deadline = System.nanoTime() + LEDGER_WAIT.toNanos();
    LongSupplier now = () -> recordedCalls(api) - before;
    long recorded = now.getAsLong();
    while (recorded < sent && System.nanoTime() < deadline) {
      Thread.sleep(50);
      recorded = now.getAsLong();
    }
    return recorded;
  }

  private static void expect(BenchApi.Answer a, String what) {
    if (a.status() != 200) {
      throw new BenchException(what + " answered " + a.status() + ": " + a.body());
    }
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    double added50 = r.median("added_p50_ms");
    double added99 = r.median("added_p99_ms");
    double ttft50 = r.median("added_ttft_p50_ms");
    double ttft99 = r.median("added_ttft_p99_ms");
    double proxied = r.median("gateway_calls_per_s");
    double directRate = r.median("direct_calls_per_s");
    double worstMissing =
        r.summary().stream()
            .filter(m -> m.name().equals("ledger_missing_count"))
            .mapToDouble(m -> Math.max(Math.abs(m.min()), Math.abs(m.max())))
            .findFirst()
            .orElse(Double.NaN);
    double sent =
        r.summary().stream()
            .filter(m -> m.name().equals("gateway_sent_count"))
            .mapToDouble(MetricSummary::median)
            .findFirst()
            .orElse(Double.NaN);
    return List.of(
        String.format(
            Locale.ROOT,
            "added latency p50 ≤ 1 ms, p99 ≤ 5 ms (plain): median added p50 %.3f ms (direct %.3f, "
                + "gateway %.3f), p99 %.3f ms — %s",
            added50,
            r.median("direct_p50_ms"),
            r.median("gateway_p50_ms"),
            added99,
            Scenario.meets(added50 <= 1 && added99 <= 5)),
        String.format(
            Locale.ROOT,
            "TTFT added ≤ 2 ms (streaming, at p50): median %.3f ms (direct %.3f, gateway %.3f); "
                + "at p99 %.3f ms — %s",
            ttft50,
            r.median("direct_ttft_p50_ms"),
            r.median("gateway_ttft_p50_ms"),
            ttft99,
            Scenario.meets(ttft50 <= 2)),
        String.format(
            Locale.ROOT,
            "≥ 2,000 proxied calls/s on one node: median %,.0f/s (direct to the stand-in %,.0f/s, "
                + "%.2f×) — %s",
            proxied,
            directRate,
            proxied / directRate,
            Scenario.meets(proxied >= 2000)),
        String.format(
            Locale.ROOT,
            "the ledger records every proxied call: %s (median %,.0f sent per run, at most %.0f "
                + "missing in a run)",
            worstMissing == 0 ? "yes in every run" : "NO",
            sent,
            worstMissing));
  }
}
