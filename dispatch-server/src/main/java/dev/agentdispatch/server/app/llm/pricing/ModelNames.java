package dev.agentdispatch.server.app.llm.pricing;

import dev.agentdispatch.server.app.ServiceException;
import java.util.Locale;

/**
 * How model names are compared for pricing: case-insensitively, and without the routing prefixes
 * callers and aggregators put in front ({@code openai::gpt-4o}, {@code openrouter/openai/gpt-4o}),
 * since a model costs the same whoever names it. The price of {@code openai/gpt-4o} is therefore
 * that of {@code gpt-4o}; a namespace that pays an aggregator differently overrides that model.
 */
public final class ModelNames {
  /** Longest model name a price may be set for. */
  public static final int MAX_LENGTH = 200;

  private ModelNames() {}

  /** The name prices are looked up by. */
  public static String forPricing(String model) {
    String m = model.trim().toLowerCase(Locale.ROOT);
    int colons = m.lastIndexOf("::");
    if (colons >= 0) {
      m = m.substring(colons + 2);
    }
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      m = m.substring(slash + 1);
    }
    return m;
  }

  /**
   * A name a namespace may set a price for: one that pricing can look up as it is.
   *
   * @throws ServiceException.Invalid when it is empty, too long, has blanks or a prefix
   */
  public static String requirePriceable(String model) {
    if (model == null || model.isBlank()) {
      throw new ServiceException.Invalid("a model name is required");
    }
    if (model.length() > MAX_LENGTH || model.chars().anyMatch(Character::isWhitespace)) {
      throw new ServiceException.Invalid(
          "model '" + model + "' must be 1 to " + MAX_LENGTH + " characters without blanks");
    }
    String name = forPricing(model);
    if (name.isEmpty() || !name.equals(model.toLowerCase(Locale.ROOT))) {
      throw new ServiceException.Invalid(
          "set the price of '"
              + name
              + "' instead of '"
              + model
              + "': prices are looked up without provider prefixes");
    }
    return name;
  }
}
