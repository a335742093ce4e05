package dev.agentdispatch.server.app.llm.pricing;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentdispatch.core.wire.WireEnum;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.store.llm.LlmPriceStore;
import dev.agentdispatch.store.llm.PriceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices model calls: a namespace's own price for the model, else the server's table (exact name),
 * else the longest listed prefix of the name (the namespace's prices first, then the table's, so a
 * namespace's {@code gpt-4o} also prices its dated snapshots), else the table's default. Names are
 * compared as {@link ModelNames#forPricing} makes them. A namespace's prices are cached for two
 * seconds (a change on another node applies within that); a change on this node applies at once.
 */
public final class PricingService {
  private static final Duration CACHE_TTL = Duration.ofSeconds(2);

  private final LlmPriceStore store;
  private final PriceTable table;
  private final Clock clock;
  // Per namespace; bounded, since a key for every namespace may name any.
  private final Map<String, Cached> cache =
      Caffeine.newBuilder().maximumSize(10_000).<String, Cached>build().asMap();

  private record Cached(Map<String, ModelPrice> prices, Instant loadedAt) {}

  /** Where a price came from. */
  public enum Source implements WireEnum {
    NAMESPACE,
    TABLE,
    DEFAULT
  }

  /**
   * The price of a model and how it was found.
   *
   * @param model the name as priced (see {@link ModelNames#forPricing})
   * @param matched the listed name that matched (the model itself, or a prefix of it); empty for
   *     the default
   */
  public record Lookup(String model, ModelPrice price, Source source, Optional<String> matched) {
    public Lookup {
      Objects.requireNonNull(model, "model is null");
      Objects.requireNonNull(price, "price is null");
      Objects.requireNonNull(source, "source is null");
      Objects.requireNonNull(matched, "matched is null");
    }
  }

  /** Every price a namespace sees: its own, the table's, and the default. */
  public record Listing(
      List<PriceRecord> namespace, Map<String, ModelPrice> table, ModelPrice defaultPrice) {}

  public PricingService(LlmPriceStore store, PriceTable table, Clock clock) {
    this.store = store;
    this.table = table;
    this.clock = clock;
  }

  public Lookup price(String namespace, String model) {
    String name = ModelNames.forPricing(model);
    Map<String, ModelPrice> own = own(namespace);
    if (own.containsKey(name)) {
      return new Lookup(name, own.get(name), Source.NAMESPACE, Optional.of(name));
    }
    if (table.models().containsKey(name)) {
      return new Lookup(name, table.models().get(name), Source.TABLE, Optional.of(name));
    }
    Optional<Lookup> prefix =
        longestPrefix(name, own, Source.NAMESPACE)
            .or(() -> longestPrefix(name, table.models(), Source.TABLE));
    return prefix.orElseGet(
        () -> new Lookup(name, table.defaultPrice(), Source.DEFAULT, Optional.empty()));
  }

  private static Optional<Lookup> longestPrefix(
      String name, Map<String, ModelPrice> prices, Source source) {
    return prices.keySet().stream()
        .filter(name::startsWith)
        .max((a, b) -> Integer.compare(a.length(), b.length()))
        .map(p -> new Lookup(name, prices.get(p), source, Optional.of(p)));
  }

  /** Sets the namespace's own price for a model. */
  public PriceRecord put(String namespace, String model, PriceRequest request) {
    String name = ModelNames.requirePriceable(model);
    ModelPrice p = request.price();
    PriceRecord stored =
        store.put(
            new PriceRecord(
                namespace,
                name,
                p.inputMicros(),
                p.outputMicros(),
                p.cacheReadMicros(),
                p.cacheWriteMicros(),
                clock.instant()));
    cache.remove(namespace);
    return stored;
  }

  /** Removes the namespace's own price; {@link ServiceException.NotFound} when it has none. */
  public void delete(String namespace, String model) {
    String name = ModelNames.forPricing(model);
    boolean deleted = store.delete(namespace, name);
    cache.remove(namespace);
    if (!deleted) {
      throw new ServiceException.NotFound(
          "namespace '" + namespace + "' has no price of its own for model '" + name + "'");
    }
  }

  public Listing list(String namespace) {
    return new Listing(store.list(namespace), new TreeMap<>(table.models()), table.defaultPrice());
  }

  private Map<String, ModelPrice> own(String namespace) {
    Instant now = clock.instant();
    Cached c = cache.get(namespace);
    if (c == null || c.loadedAt().plus(CACHE_TTL).isBefore(now)) {
      Map<String, ModelPrice> prices = new TreeMap<>();
      for (PriceRecord r : store.list(namespace)) {
        prices.put(
            r.model(),
            new ModelPrice(
                r.inputMicros(), r.outputMicros(), r.cacheReadMicros(), r.cacheWriteMicros()));
      }
      c = new Cached(Map.copyOf(prices), now);
      cache.put(namespace, c);
    }
    return c.prices();
  }
}
