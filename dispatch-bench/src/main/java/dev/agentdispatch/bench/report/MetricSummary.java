package dev.agentdispatch.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * One metric over the measured runs: the median, and the spread as min, max and (max − min) /
 * median.
 *
 * @param spreadPercent {@code NaN} when the median is 0
 */
public record MetricSummary(
    String name, double median, double min, double max, double spreadPercent, int runs) {
  public static MetricSummary of(String name, List<Double> values) {
    double[] v =
        values.stream()
            .mapToDouble(Double::doubleValue)
            .filter(d -> !Double.isNaN(d))
            .sorted()
            .toArray();
    if (v.length == 0) {
      return new MetricSummary(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double median =
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    double min = v[0];
    double max = v[v.length - 1];
    double spread = median == 0 ? Double.NaN : (max - min) / Math.abs(median) * 100;
    return new MetricSummary(name, median, min, max, spread, v.length);
  }

  /** The unit, read from the name's suffix. */
  public String unit() {
    return Arrays.stream(Unit.values())
        .filter(u -> name.endsWith(u.suffix))
        .findFirst()
        .map(u -> u.label)
        .orElse("");
  }

  private enum Unit {
    PER_S("_per_s", "/s"),
    MS("_ms", "ms"),
    MIB("_mib", "MiB"),
    CORES("_cores", "cores"),
    TIMES("_x", "×"),
    PERCENT("_pct", "%");

    final String suffix;
    final String label;

    Unit(String suffix, String label) {
      this.suffix = suffix;
      this.label = label;
    }
  }
}
