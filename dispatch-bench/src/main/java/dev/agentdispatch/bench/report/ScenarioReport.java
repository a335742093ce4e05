package dev.agentdispatch.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One scenario's result: its parameters, the per-run numbers, their medians and spread, notes, and
 * the targets it is held to (DESIGN §15). {@code available} is false when the server lacks what it
 * needs.
 */
public record ScenarioReport(
    String scenario,
    String db,
    String parameters,
    boolean available,
    int warmupRuns,
    List<RunResult> runs,
    List<MetricSummary> summary,
    List<String> targets,
    List<String> notes) {
  public ScenarioReport {
    Objects.requireNonNull(scenario, "scenario is null");
    runs = List.copyOf(runs);
    summary = List.copyOf(summary);
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }

  /** Summarises the runs metric by metric, in the order the metrics first appear. */
  public static ScenarioReport of(
      String scenario,
      String db,
      String parameters,
      int warmupRuns,
      List<RunResult> runs,
      List<String> targets) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> notes = new LinkedHashSet<>();
    runs.forEach(r -> {
      names.addAll(r.metrics().keySet());
      notes.addAll(r.notes());
    });
    List<MetricSummary> summary = new ArrayList<>();
    for (String name : names) {
      summary.add(
          MetricSummary.of(
              name, runs.stream().map(r -> r.metrics().getOrDefault(name, Double.NaN)).toList()));
    }
    return new ScenarioReport(
        scenario, db, parameters, true, warmupRuns, runs, summary, targets, List.copyOf(notes));
  }

  public static ScenarioReport unavailable(String scenario, String db, String why) {
    return new ScenarioReport(
        scenario, db, "", false, 0, List.of(), List.of(), List.of(), List.of(why));
  }

  /** The median of a metric, NaN when absent. */
  public double median(String metric) {
    return summary.stream()
        .filter(m -> m.name().equals(metric))
        .mapToDouble(MetricSummary::median)
        .findFirst()
        .orElse(Double.NaN);
  }
}
