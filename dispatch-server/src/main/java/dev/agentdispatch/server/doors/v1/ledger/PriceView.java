package dev.agentdispatch.server.doors.v1.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.server.app.llm.pricing.ModelPrice;
import dev.agentdispatch.server.app.llm.pricing.PricingService;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.store.llm.PriceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's price in US dollars per million tokens, and where it comes from: {@code namespace} (set
 * through the API), {@code table} (the server's pricing table) or {@code default}.
 *
 * @param matched the listed name that priced the model (itself or a prefix of it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceView(
    String model,
    BigDecimal inputPerMtok,
    BigDecimal outputPerMtok,
    BigDecimal cacheReadPerMtok,
    BigDecimal cacheWritePerMtok,
    String source,
    String matched,
    Instant updatedAt) {

  static PriceView of(PricingService.Lookup l) {
    return of(l.model(), l.price(), l.source(), l.matched().orElse(null), null);
  }

  static PriceView of(PriceRecord r) {
    return of(
        r.model(),
        new ModelPrice(
            r.inputMicros(), r.outputMicros(), r.cacheReadMicros(), r.cacheWriteMicros()),
        PricingService.Source.NAMESPACE,
        null,
        r.updatedAt());
  }

  private static PriceView of(
      String model, ModelPrice p, PricingService.Source source, String matched, Instant updated) {
    return new PriceView(
        model,
        Usd.of(p.inputMicros()),
        Usd.of(p.outputMicros()),
        Usd.of(p.cacheReadMicros()),
        Usd.of(p.cacheWriteMicros()),
        source.wire(),
        matched,
        updated);
  }

  /**
   * {@code GET …/llm/pricing}: the namespace's own prices, then the table's it does not shadow, and
   * the default.
   */
  public record Listing(List<PriceView> items, PriceView defaultPrice) {
    static Listing of(PricingService.Listing l) {
      List<PriceView> items = new ArrayList<>();
      l.namespace().forEach(r -> items.add(PriceView.of(r)));
      l.table()
          .forEach((model, price) -> {
            if (l.namespace().stream().noneMatch(r -> r.model().equals(model))) {
              items.add(PriceView.of(model, price, PricingService.Source.TABLE, null, null));
            }
          });
      return new Listing(
          items, PriceView.of(null, l.defaultPrice(), PricingService.Source.DEFAULT, null, null));
    }
  }
}
