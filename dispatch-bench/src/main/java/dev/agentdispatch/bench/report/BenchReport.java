package dev.agentdispatch.bench.report;

import java.util.List;

/**
 * A whole harness run: the machine it ran on (cores matter: these figures are for 2 shared cores)
 * and each scenario's report.
 */
public record BenchReport(
    String startedAt, int cores, String java, String os, List<ScenarioReport> scenarios) {
  public BenchReport {
    scenarios = List.copyOf(scenarios);
  }
}
