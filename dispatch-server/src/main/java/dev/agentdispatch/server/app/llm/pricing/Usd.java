package dev.agentdispatch.server.app.llm.pricing;

import dev.agentdispatch.server.app.ServiceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * US dollars as the ledger keeps them: integer micro-dollars, exact to six decimals, so sums of
 * many calls never drift the way binary floating point would.
 */
public final class Usd {
  /** Decimals kept: one micro-dollar. */
  public static final int SCALE = 6;

  private Usd() {}

  /** Dollars as micro-dollars; refuses more than six decimals (nothing is rounded away). */
  public static long micros(BigDecimal usd) {
    return usd.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  /** Micro-dollars as dollars with exactly six decimals. */
  public static BigDecimal of(long micros) {
    return BigDecimal.valueOf(micros, SCALE);
  }

  /** For messages: {@code $12.50}, {@code $0.000125}. */
  public static String format(long micros) {
    BigDecimal v = of(micros).stripTrailingZeros();
    return "$" + (v.scale() < 2 ? v.setScale(2) : v).toPlainString();
  }

  /**
   * The most a budget may be: a billion dollars, far above any real one, and small enough that a
   * month of charges against it stays exact in micro-dollars.
   */
  public static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

  /**
   * The most a price per million tokens may be: a million dollars, far above any real one, so that
   * the cost of a reported call (at most a billion tokens of each kind) is a few billion dollars at
   * most.
   */
  public static final BigDecimal MAX_PRICE_PER_MTOK = new BigDecimal("1000000");

  /**
   * A non-negative amount of dollars, at most {@code max}, from a JSON number with at most six
   * decimals; empty when the field is absent or null.
   *
   * @throws ServiceException.Invalid naming {@code field} for a string, a number that is not
   *     finite, negative or over {@code max}, or more decimals
   */
  public static Optional<BigDecimal> parse(JsonNode node, String field, BigDecimal max) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      throw new ServiceException.Invalid(
          "'" + field + "' must be a number of US dollars, got " + node);
    }
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      throw new ServiceException.Invalid(
          "'" + field + "' must be a finite number of US dollars, got " + node);
    }
    BigDecimal v = node.decimalValue();
    if (v.signum() < 0) {
      throw new ServiceException.Invalid("'" + field + "' must not be negative, got " + v);
    }
    if (v.compareTo(max) > 0) {
      throw new ServiceException.Invalid(
          "'" + field + "' must be at most " + max.toPlainString() + ", got " + v);
    }
    if (v.stripTrailingZeros().scale() > SCALE) {
      throw new ServiceException.Invalid(
          "'" + field + "' has more than " + SCALE + " decimals: " + v.toPlainString());
    }
    return Optional.of(v);
  }
}
