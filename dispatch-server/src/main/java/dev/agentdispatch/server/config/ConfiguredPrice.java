package dev.agentdispatch.server.config;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A model's price from the configuration file, in US dollars per million tokens of each class.
 *
 * @param namespace the namespace whose calls it prices
 * @param model the model name as the file gives it (how it is matched is the ledger's business)
 */
public record ConfiguredPrice(
    String namespace,
    String model,
    BigDecimal inputPerMtok,
    BigDecimal outputPerMtok,
    BigDecimal cacheReadPerMtok,
    BigDecimal cacheWritePerMtok) {
  public ConfiguredPrice {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(model, "model");
    for (BigDecimal p :
        new BigDecimal[] {inputPerMtok, outputPerMtok, cacheReadPerMtok, cacheWritePerMtok}) {
      if (Objects.requireNonNull(p, "price").signum() < 0) {
        throw new IllegalArgumentException("prices must not be negative: " + p);
      }
    }
  }
}
