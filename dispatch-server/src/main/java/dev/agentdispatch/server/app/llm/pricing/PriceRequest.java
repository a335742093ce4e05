package dev.agentdispatch.server.app.llm.pricing;

import dev.agentdispatch.server.app.ServiceException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A namespace's price for one model, in US dollars per million tokens, checked as it is made.
 * Absent cache prices are the input price (what a provider without prompt caching charges).
 */
public record PriceRequest(
    BigDecimal inputPerMtok,
    BigDecimal outputPerMtok,
    Optional<BigDecimal> cacheReadPerMtok,
    Optional<BigDecimal> cacheWritePerMtok) {

  public PriceRequest {
    Objects.requireNonNull(inputPerMtok, "inputPerMtok is null");
    Objects.requireNonNull(outputPerMtok, "outputPerMtok is null");
    Objects.requireNonNull(cacheReadPerMtok, "cacheReadPerMtok is null");
    Objects.requireNonNull(cacheWritePerMtok, "cacheWritePerMtok is null");
  }

  /** From wire values (JSON numbers); any of them may be null. */
  public static PriceRequest of(
      JsonNode input, JsonNode output, JsonNode cacheRead, JsonNode cacheWrite) {
    return new PriceRequest(
        Usd.parse(input, "input_per_mtok", Usd.MAX_PRICE_PER_MTOK)
            .orElseThrow(() -> new ServiceException.Invalid("'input_per_mtok' is required")),
        Usd.parse(output, "output_per_mtok", Usd.MAX_PRICE_PER_MTOK)
            .orElseThrow(() -> new ServiceException.Invalid("'output_per_mtok' is required")),
        Usd.parse(cacheRead, "cache_read_per_mtok", Usd.MAX_PRICE_PER_MTOK),
        Usd.parse(cacheWrite, "cache_write_per_mtok", Usd.MAX_PRICE_PER_MTOK));
  }

  ModelPrice price() {
    return new ModelPrice(
        Usd.micros(inputPerMtok),
        Usd.micros(outputPerMtok),
        Usd.micros(cacheReadPerMtok.orElse(inputPerMtok)),
        Usd.micros(cacheWritePerMtok.orElse(inputPerMtok)));
  }
}
