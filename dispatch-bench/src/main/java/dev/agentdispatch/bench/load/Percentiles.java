package dev.agentdispatch.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * p50/p90/p99/max of a set of samples, in milliseconds, nearest-rank on the sorted values.
 *
 * @param count how many samples
 */
public record Percentiles(int count, double p50, double p90, double p99, double max) {
  public static final Percentiles EMPTY =
      new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static Percentiles of(List<Samples> parts) {
    long[] all = parts.stream().map(Samples::values).flatMapToLong(Arrays::stream).toArray();
    if (all.length == 0) {
      return EMPTY;
    }
    Arrays.sort(all);
    return new Percentiles(
        all.length,
        ms(rank(all, 0.50)),
        ms(rank(all, 0.90)),
        ms(rank(all, 0.99)),
        ms(all[all.length - 1]));
  }

  private static long rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
