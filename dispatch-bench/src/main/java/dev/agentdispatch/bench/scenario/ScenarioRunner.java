package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one scenario: availability check, setup, a discarded warm-up, then the measured runs. */
public final class ScenarioRunner {
  /** Warm-up runs are shorter: enough for the JIT to compile the hot paths, not a full run. */
  private static final int WARMUP_COUNT = 5_000;

  private static final Duration WARMUP_DURATION = Duration.ofSeconds(3);

  private ScenarioRunner() {}

  public static ScenarioReport run(
      Scenario s, BenchContext ctx, String dbLabel, List<ScenarioReport> earlier)
      throws InterruptedException {
    Optional<String> missing = s.unavailable(ctx);
    if (missing.isPresent()) {
      return ScenarioReport.unavailable(s.name(), dbLabel, missing.get());
    }
    try {
      s.prepare(ctx);
      return measure(s, ctx, dbLabel, earlier);
    } finally {
      s.finish(ctx);
    }
  }

  private static ScenarioReport measure(
      Scenario s, BenchContext ctx, String dbLabel, List<ScenarioReport> earlier)
      throws InterruptedException {
    BenchConfig c = ctx.config();
    int warmups = 0;
    if (c.warmup() && s.repeatable()) {
      BenchConfig shorter =
          c.withCount(
              Math.min(c.count(), WARMUP_COUNT),
              c.duration().compareTo(WARMUP_DURATION) < 0 ? c.duration() : WARMUP_DURATION);
      s.run(ctx, shorter, s.name() + " warm-up");
      warmups = 1;
    }
    int runs = s.repeatable() ? c.runs() : 1;
    List<RunResult> results = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      ResourceMeter meter = new ResourceMeter(ctx.server());
      RunResult r = s.run(ctx, c, s.name() + " " + i + "/" + runs);
      results.add(meter.addTo(r));
    }
    ScenarioReport report =
        ScenarioReport.of(s.name(), dbLabel, s.parameters(c), warmups, results, List.of());
    return new ScenarioReport(
        report.scenario(),
        report.db(),
        report.parameters(),
        true,
        warmups,
        report.runs(),
        report.summary(),
        s.verdicts(report, earlier),
        report.notes());
  }

  /** A scenario that failed outright is reported, not thrown: the other scenarios still run. */
  public static ScenarioReport failed(Scenario s, String dbLabel, BenchException e) {
    return new ScenarioReport(
        s.name(),
        dbLabel,
        "",
        false,
        0,
        List.of(),
        List.of(),
        List.of(),
        List.of("failed: " + e.getMessage()));
  }
}
