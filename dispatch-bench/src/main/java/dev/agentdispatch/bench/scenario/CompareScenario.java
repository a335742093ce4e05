package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.ComparisonPeer;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.report.ScenarioReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * db-scheduler side by side: the same counts, concurrency and rate as {@code throughput} and {@code
 * latency}, on PostgreSQL; the ratios are taken against those scenarios when they ran in the same
 * harness run. The peer and its library are not in the runnable jar, so there this reports how to
 * run it.
 */
public final class CompareScenario implements Scenario {
  private ComparisonPeer peer;

  @Override
  public String name() {
    return "compare";
  }

  @Override
  public String parameters(BenchConfig c) {
    return String.format(
        Locale.ROOT,
        "db-scheduler on %s · %,d executions by %d schedulers (closed loop) · then %,d/s for "
            + "%d s · %d executor threads",
        c.peerDb(),
        c.count(),
        c.concurrency(),
        c.rate(),
        c.duration().toSeconds(),
        c.workers() * 8);
  }

  @Override
  public boolean needsServer() {
    return false;
  }

  @Override
  public Optional<String> unavailable(BenchContext ctx) {
    try {
      peer =
          (ComparisonPeer)
              Class.forName(ComparisonPeer.PEER_CLASS).getDeclaredConstructor().newInstance();
      Class.forName("com.github.kagkarlsson.scheduler.Scheduler");
      return Optional.empty();
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.of(
          "not available in the runnable jar (db-scheduler is a bench-only dependency): "
              + "run ./dispatch-bench/bench throughput latency compare");
    }
  }

  @Override
  public RunResult run(BenchContext ctx, BenchConfig c, String label) throws InterruptedException {
    RunResult loaded = peer.throughput(c, ctx.progress(), label + " (closed loop)");
    RunResult paced = peer.latency(c, ctx.progress(), label + " (fixed rate)");
    RunResult.Builder b = new RunResult.Builder();
    for (Map.Entry<String, Double> e : loaded.metrics().entrySet()) {
      b.put(e.getKey().startsWith("pickup_") ? "loaded_" + e.getKey() : e.getKey(), e.getValue());
    }
    paced.metrics().entrySet().stream()
        .filter(e -> e.getKey().startsWith("pickup_"))
        .forEach(e -> b.put(e.getKey(), e.getValue()));
    loaded.notes().forEach(b::note);
    paced.notes().forEach(b::note);
    b.note("peer: " + peer.name());
    return b.build();
  }

  @Override
  public List<String> verdicts(ScenarioReport r, List<ScenarioReport> earlier) {
    List<String> lines = new ArrayList<>();
    find(earlier, "throughput")
        .ifPresent(ad ->
            lines.add(
                String.format(
                    Locale.ROOT,
                    "throughput ratio Agent Dispatch / db-scheduler: %,.0f/s ÷ %,.0f/s = %.2f× (%s)",
                    ad.median("throughput_per_s"),
                    r.median("throughput_per_s"),
                    ad.median("throughput_per_s") / r.median("throughput_per_s"),
                    sameDb(ad, r))));
    find(earlier, "latency")
        .ifPresent(ad ->
            lines.add(
                String.format(
                    Locale.ROOT,
                    "dispatch latency p50 at the same rate, Agent Dispatch / db-scheduler pickup: %.2f ms ÷ %.2f ms = %.2f× (%s)",
                    ad.median("dispatch_p50_ms"),
                    r.median("pickup_p50_ms"),
                    ad.median("dispatch_p50_ms") / r.median("pickup_p50_ms"),
                    sameDb(ad, r))));
    if (lines.isEmpty()) {
      lines.add(
          "run it together with throughput and latency (e.g. `bench throughput latency compare`) for the ratios");
    }
    return lines;
  }

  private static Optional<ScenarioReport> find(List<ScenarioReport> reports, String name) {
    return reports.stream().filter(s -> s.scenario().equals(name) && s.available()).findFirst();
  }

  private static String sameDb(ScenarioReport ad, ScenarioReport peer) {
    return ad.db().startsWith("postgres")
        ? "both on PostgreSQL"
        : "NOT like for like: Agent Dispatch on "
            + ad.db().replaceFirst(":.*", "")
            + ", db-scheduler on PostgreSQL";
  }
}
