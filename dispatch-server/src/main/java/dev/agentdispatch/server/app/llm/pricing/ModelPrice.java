package dev.agentdispatch.server.app.llm.pricing;

import dev.agentdispatch.core.llm.TokenUsage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * What a million tokens of each class cost, in micro-dollars. Cached tokens are priced apart from
 * input tokens ({@link TokenUsage} counts each class once).
 */
public record ModelPrice(
    long inputMicros, long outputMicros, long cacheReadMicros, long cacheWriteMicros) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public ModelPrice {
    if (inputMicros < 0 || outputMicros < 0 || cacheReadMicros < 0 || cacheWriteMicros < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }

  /**
   * The cost of {@code usage} in micro-dollars: Σ tokens / 1e6 × price, rounded half-up once, at
   * the end, to the micro-dollar (six decimals of a dollar); saturated at {@code Long.MAX_VALUE}.
   */
  public long cost(TokenUsage usage) {
    BigInteger total =
        term(usage.input(), inputMicros)
            .add(term(usage.output(), outputMicros))
            .add(term(usage.cacheRead(), cacheReadMicros))
            .add(term(usage.cacheWrite(), cacheWriteMicros));
    BigInteger micros =
        new BigDecimal(total).divide(MILLION, 0, RoundingMode.HALF_UP).toBigIntegerExact();
    // Usage a provider reports is not bounded by us: an absurd count costs the most there is.
    return micros.bitLength() < Long.SIZE ? micros.longValueExact() : Long.MAX_VALUE;
  }

  private static BigInteger term(long tokens, long microsPerMillion) {
    return BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(microsPerMillion));
  }
}
