package dev.agentdispatch.bench.report;

import java.util.Locale;

/** The report as a table for people: per scenario, each metric's median, min, max and spread. */
public final class TableFormat {
  private TableFormat() {}

  public static String format(BenchReport r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Agent Dispatch bench · %d cores · Java %s · %s · %s%n",
            r.cores(),
            r.java(),
            r.os(),
            r.startedAt()));
    for (ScenarioReport s : r.scenarios()) {
      out.append('\n').append(s.scenario()).append("  ·  ").append(s.db()).append('\n');
      if (!s.parameters().isEmpty()) {
        out.append("  ").append(s.parameters()).append('\n');
      }
      if (s.available() && !s.runs().isEmpty()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %d run(s) after %d warm-up; median [min … max], spread = (max − min)/median%n",
                s.runs().size(),
                s.warmupRuns()));
        out.append(
            String.format(
                Locale.ROOT,
                "  %-28s %12s %12s %12s %8s  %s%n",
                "metric",
                "median",
                "min",
                "max",
                "spread",
                "unit"));
        for (MetricSummary m : s.summary()) {
          out.append(
              String.format(
                  Locale.ROOT,
                  "  %-28s %12s %12s %12s %8s  %s%n",
                  m.name(),
                  num(m.median()),
                  num(m.min()),
                  num(m.max()),
                  Double.isNaN(m.spreadPercent())
                      ? "-"
                      : String.format(Locale.ROOT, "%.1f%%", m.spreadPercent()),
                  m.unit()));
        }
      }
      s.targets().forEach(t -> out.append("  target: ").append(t).append('\n'));
      s.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
    }
    return out.toString();
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
