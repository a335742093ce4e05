package dev.agentdispatch.runtime.usage;

import java.util.Locale;

/** What {@link PricingRegistry#register} does when the model already has a price. */
public enum OnConflict {
  OVERWRITE,
  ERROR,
  KEEP;

  /** Parses "overwrite", "error" or "keep". */
  public static OnConflict fromValue(String value) {
    for (OnConflict c : values()) {
      if (c.name().toLowerCase(Locale.ROOT).equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "on_conflict must be one of 'overwrite', 'error', 'keep', got '" + value + "'");
  }
}
