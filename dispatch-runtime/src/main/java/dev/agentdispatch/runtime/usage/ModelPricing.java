package dev.agentdispatch.runtime.usage;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.Optional;

/**
 * Prices in US dollars per million tokens. The cost of a turn is {@code in*p.in/1e6 + out*p.out/1e6
 * + cacheWrite*writeRateForTtl(ttl)/1e6 + cacheRead*p.cacheRead/1e6}.
 */
public record ModelPricing(
    double inputPerMillion,
    double outputPerMillion,
    double cacheWritePerMillion,
    double cacheReadPerMillion,
    double cacheWrite5minPerMillion,
    double cacheWrite1hPerMillion) {

  /** Everything free: what an unknown model resolves to. */
  public static final ModelPricing ZERO = new ModelPricing(0, 0);

  public ModelPricing {
    Checks.nonNegative(inputPerMillion, "input_per_million");
    Checks.nonNegative(outputPerMillion, "output_per_million");
    Checks.nonNegative(cacheWritePerMillion, "cache_write_per_million");
    Checks.nonNegative(cacheReadPerMillion, "cache_read_per_million");
    Checks.nonNegative(cacheWrite5minPerMillion, "cache_write_5min_per_million");
    Checks.nonNegative(cacheWrite1hPerMillion, "cache_write_1h_per_million");
  }

  /** Input and output prices only. */
  public ModelPricing(double inputPerMillion, double outputPerMillion) {
    this(inputPerMillion, outputPerMillion, 0, 0, 0, 0);
  }

  /**
   * The cache-write rate for a TTL: the 5-minute rate for "5m" and the 1-hour rate for "1h" when
   * they are non-zero, otherwise (and for any other TTL) {@link #cacheWritePerMillion}.
   */
  public double writeRateForTtl(Optional<String> ttl) {
    if (ttl.isPresent()) {
      if (ttl.get().equals("5m") && cacheWrite5minPerMillion != 0) {
        return cacheWrite5minPerMillion;
      }
      if (ttl.get().equals("1h") && cacheWrite1hPerMillion != 0) {
        return cacheWrite1hPerMillion;
      }
    }
    return cacheWritePerMillion;
  }

  /** The cost of {@code usage} in US dollars. */
  public double cost(UsageSnapshot usage) {
    return usage.inputTokens() * inputPerMillion / 1e6
        + usage.outputTokens() * outputPerMillion / 1e6
        + usage.cacheWriteTokens() * writeRateForTtl(usage.cacheTtl()) / 1e6
        + usage.cacheReadTokens() * cacheReadPerMillion / 1e6;
  }
}
