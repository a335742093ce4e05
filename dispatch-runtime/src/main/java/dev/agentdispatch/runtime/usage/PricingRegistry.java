package dev.agentdispatch.runtime.usage;

import dev.agentdispatch.runtime.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Model name → {@link ModelPricing}. Lookup normalises the name (strip, lower-case), tries an exact
 * match, then the longest registered prefix, and falls back to {@link ModelPricing#ZERO}; it never
 * fails. The Python library keeps one global table; here a registry is an ordinary object that a
 * session is given, with {@link #defaultRegistry()} as the shared fallback (loaded from the
 * bundled, empty {@code pricing.json}).
 */
public final class PricingRegistry {
  private static final PricingRegistry DEFAULT = loadBundledDefault();

  private final Map<String, ModelPricing> prices = new HashMap<>();

  /** An empty registry. */
  public PricingRegistry() {}

  /** The process-wide default registry. */
  public static PricingRegistry defaultRegistry() {
    return DEFAULT;
  }

  /** A new registry holding the models of a pricing JSON document. */
  public static PricingRegistry fromJson(String json) {
    PricingRegistry r = new PricingRegistry();
    r.loadJson(json);
    return r;
  }

  /** Registers with {@link OnConflict#OVERWRITE}. */
  public void register(String model, ModelPricing pricing) {
    register(model, pricing, OnConflict.OVERWRITE);
  }

  /** Registers a price under the normalised model name. */
  public synchronized void register(String model, ModelPricing pricing, OnConflict onConflict) {
    Objects.requireNonNull(onConflict, "onConflict is null");
    Objects.requireNonNull(pricing, "pricing is null");
    String key = normalise(Checks.nonBlank(model, "model"));
    if (prices.containsKey(key)) {
      if (onConflict == OnConflict.ERROR) {
        throw new PricingAlreadyRegisteredException(key);
      }
      if (onConflict == OnConflict.KEEP) {
        return;
      }
    }
    prices.put(key, pricing);
  }

  /** Merges a pricing document (overwrite); all-or-nothing: on any error nothing is written. */
  public void loadJson(String json) {
    Map<String, ModelPricing> parsed = PricingJson.parse(json);
    synchronized (this) {
      prices.putAll(parsed);
    }
  }

  /** {@link #loadJson} from a file. */
  public void load(Path path) {
    try {
      loadJson(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read pricing file " + path, e);
    }
  }

  /** The price of a model: exact, then longest prefix, then zero. */
  public synchronized ModelPricing resolve(String model) {
    return find(model).orElse(ModelPricing.ZERO);
  }

  /** Whether {@link #resolve} would find a registered price. */
  public synchronized boolean has(String model) {
    return find(model).isPresent();
  }

  /** An immutable copy of the registered prices. */
  public synchronized Map<String, ModelPricing> snapshot() {
    return Map.copyOf(prices);
  }

  private java.util.Optional<ModelPricing> find(String model) {
    if (model == null) {
      return java.util.Optional.empty();
    }
    String key = normalise(model);
    if (key.isEmpty()) {
      return java.util.Optional.empty();
    }
    ModelPricing exact = prices.get(key);
    if (exact != null) {
      return java.util.Optional.of(exact);
    }
    String best = null;
    for (String candidate : prices.keySet()) {
      if (key.startsWith(candidate) && (best == null || candidate.length() > best.length())) {
        best = candidate;
      }
    }
    return java.util.Optional.ofNullable(best).map(prices::get);
  }

  static String normalise(String model) {
    return model.strip().toLowerCase(Locale.ROOT);
  }

  private static PricingRegistry loadBundledDefault() {
    PricingRegistry r = new PricingRegistry();
    try (InputStream in = PricingRegistry.class.getResourceAsStream("pricing.json")) {
      if (in != null) {
        r.loadJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the bundled pricing.json", e);
    }
    return r;
  }
}
