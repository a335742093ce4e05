package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.bench.BenchRunner;
import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.LoadOutcome;
import dev.agentdispatch.bench.load.LoadRun;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import dev.agentdispatch.bench.server.ForkedServer;
import dev.agentdispatch.bench.server.OtlpSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What metrics and tracing cost (docs/observability.md, issue 17), three servers side by side in
 * one harness run, each on its own fresh SQLite file: {@code off} (started with {@code
 * --no-metrics} and no OpenTelemetry), {@code metrics} (the default: the Prometheus registry on,
 * tracing off; the harness's own server) and {@code traced} (metrics on, and traces exported over
 * OTLP/HTTP with 100 % sampling to a sink in the harness). Each run sends the {@code throughput}
 * scenario's closed-loop load to the three in turn, the order rotating from run to run so that
 * noise falls on every side.
 *
 * <p>Targets (issue 17): throughput with metrics on ≥ 95 % of off; with 100 % trace sampling ≥ 85
 * %. The ResourceMeter's CPU figures are those of the {@code metrics} server.
 */
public final class ObservabilityScenario implements Scenario {
  static final String AGENT = "bench-observed";

  private static final List<String> SIDES = List.of("off", "metrics", "traced");

  /** Longer than the batch span processor's default schedule delay (5 s). */
  private static final Duration EXPORT_WAIT = Duration.ofSeconds(8);

  private OtlpSink sink;
  private ForkedServer off;
  private ForkedServer traced;
  private BenchApi offApi;
  private BenchApi tracedApi;
  private int calls;

  @Override
  public String name() {
    return "observability";
  }

  @Override
  public String parameters(BenchConfig c) {
    return new ThroughputScenario().parameters(c)
        + " · each side · sides: off (--no-metrics), metrics (default), traced (metrics + "
        + "OTLP/HTTP traces, always_on sampler, batch span processor), rotating order";
  }

  @Override
  public Optional<String> unavailable(BenchContext ctx) {
    if (ctx.config().url().isPresent()) {
      return Optional.of("compares servers it starts itself: run it without --url");
    }
    Optional<String> db = ctx.server().flatMap(s -> s.db());
    if (db.isEmpty() || !db.get().startsWith("sqlite:")) {
      return Optional.of(
          "runs on SQLite only (three servers on one PostgreSQL database would be a cluster)");
    }
    return Optional.empty();
  }

  @Override
  public void prepare(BenchContext ctx) {
    BenchConfig c = ctx.config();
    String db = ctx.server().flatMap(s -> s.db()).orElseThrow();
    Path dir = Path.of(db.substring("sqlite:".length())).toAbsolutePath().getParent();
    sink = OtlpSink.start();
    off = fork(c, dir, "off", List.of("--no-metrics"), Map.of());
    traced =
        fork(
            c,
            dir,
            "traced",
            List.of(),
            Map.of(
                "OTEL_TRACES_EXPORTER", "otlp",
                "OTEL_METRICS_EXPORTER", "none",
                "OTEL_LOGS_EXPORTER", "none",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT", sink.endpoint().toString(),
                "OTEL_TRACES_SAMPLER", "always_on",
                "OTEL_SERVICE_NAME", "agent-dispatch-bench"));
    offApi = new BenchApi(off.url(), BenchRunner.NAMESPACE);
    tracedApi = new BenchApi(traced.url(), BenchRunner.NAMESPACE);
    for (BenchApi api : List.of(offApi, ctx.requireApi(), tracedApi)) {
      api.putAgent(AGENT, List.of(ThroughputScenario.FUNCTION));
    }
  }

  /** A side's own server on its own fresh SQLite file beside the harness's. */
  private static ForkedServer fork(
      BenchConfig c, Path dir, String side, List<String> options, Map<String, String> env) {
    String name = "observability-" + side;
    return ForkedServer.start(
        "sqlite:" + dir.resolve(name + ".db"),
        c.serverHeap(),
        Optional.empty(),
        dir.resolve(name + "-server.log"),
        options,
        env);
  }

  @Override
  public void finish(BenchContext ctx) {
    for (AutoCloseable a : new AutoCloseable[] {off, traced, sink}) {
      if (a != null) {
        try {
          a.close();
        } catch (Exception e) {
          // stopping after the measurements: nothing to report
        }
      }
    }
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    int first = calls++ % SIDES.size();
    RunResult.Builder b = new RunResult.Builder();
    double[] tps = new double[SIDES.size()];
    long exportsBefore = sink.requests();
    long bytesBefore = sink.bytes();
    for (int i = 0; i < SIDES.size(); i++) {
      int side = (first + i) % SIDES.size();
      String name = SIDES.get(side);
      LoadOutcome o =
          LoadRun.run(
              api(ctx, name),
              ThroughputScenario.closedLoop(AGENT, c),
              ctx.progress(),
              label + " " + name);
      tps[side] = o.throughputPerSecond();
      b.put(name + "_throughput_per_s", o.throughputPerSecond())
          .put(name + "_dispatch_p50_ms", o.dispatch().p50())
          .put(name + "_dispatch_p99_ms", o.dispatch().p99())
          .put(name + "_completed_count", o.completed());
      if (o.failures() > 0) {
        b.note(name + ": failed calls, first: " + o.firstFailure().orElse("?"));
      }
    }
    awaitExport(exportsBefore);
    b.put("metrics_off_x", tps[1] / tps[0])
        .put("traced_off_x", tps[2] / tps[0])
        .put("otlp_exports_count", sink.requests() - exportsBefore)
        .put("otlp_export_kib", (sink.bytes() - bytesBefore) / 1024.0);
    if (sink.requests() == exportsBefore) {
      b.note("the traced server exported nothing: is tracing configured by OTEL_* variables?");
    }
    return b.build();
  }

  /**
   * The batch span processor exports on its own schedule (every 5 s by default): a short run can
   * end before the first export. Waits for it (after the measurement, so it costs no throughput).
   */
  private void awaitExport(long exportsBefore) throws InterruptedException {
    long deadline = System.nanoTime() + EXPORT_WAIT.toNanos();
    while (sink.requests() == exportsBefore && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private BenchApi api(BenchContext ctx, String side) {
    return switch (side) {
      case "off" -> offApi;
      case "metrics" -> ctx.requireApi();
      case "traced" -> tracedApi;
      default -> throw new BenchException("no side " + side);
    };
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    List<String> lines = new ArrayList<>();
    double metrics = r.median("metrics_off_x");
    double traced = r.median("traced_off_x");
    lines.add(
        String.format(
            Locale.ROOT,
            "metrics on ≥ 0.95× of off: median %.2f× (%,.0f/s vs %,.0f/s) — %s",
            metrics,
            r.median("metrics_throughput_per_s"),
            r.median("off_throughput_per_s"),
            Scenario.meets(metrics >= 0.95)));
    lines.add(
        String.format(
            Locale.ROOT,
            "100 %% trace sampling ≥ 0.85× of off: median %.2f× (%,.0f/s vs %,.0f/s) — %s",
            traced,
            r.median("traced_throughput_per_s"),
            r.median("off_throughput_per_s"),
            Scenario.meets(traced >= 0.85)));
    return lines;
  }
}
