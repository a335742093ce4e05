package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.load.LoadOutcome;
import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.report.RunResult;

/** The common metric names, so every scenario reports load runs the same way. */
final class Metrics {
  private Metrics() {}

  static void percentiles(RunResult.Builder b, String prefix, Percentiles p) {
    b.put(prefix + "_p50_ms", p.p50())
        .put(prefix + "_p90_ms", p.p90())
        .put(prefix + "_p99_ms", p.p99())
        .put(prefix + "_max_ms", p.max());
  }

  static RunResult.Builder load(LoadOutcome o) {
    RunResult.Builder b =
        new RunResult.Builder()
            .put("throughput_per_s", o.throughputPerSecond())
            .put("enqueue_per_s", o.enqueuePerSecond())
            .put("completed_count", o.completed());
    percentiles(b, "dispatch", o.dispatch());
    percentiles(b, "completion", o.completion());
    // How many lease calls each invocation cost, and how many came back empty: wake-ups that found
    // nothing.
    b.put(
        "lease_calls_per_invocation",
        o.completed() == 0 ? Double.NaN : (double) o.leaseCalls() / o.completed());
    b.put(
        "empty_lease_calls_pct",
        o.leaseCalls() == 0 ? Double.NaN : 100.0 * o.emptyLeaseCalls() / o.leaseCalls());
    if (o.failures() > 0) {
      b.put("failed_calls_count", o.failures());
      b.note("failed calls, first: " + o.firstFailure().orElse("?"));
    }
    if (o.timedOut()) {
      b.note(
          "a run hit --max-seconds and stopped: "
              + o.completed()
              + " of "
              + o.accepted()
              + " completed");
    }
    return b;
  }
}
