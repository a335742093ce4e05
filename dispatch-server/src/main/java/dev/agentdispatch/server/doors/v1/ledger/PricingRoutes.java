package dev.agentdispatch.server.doors.v1.ledger;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.llm.pricing.PriceRequest;
import dev.agentdispatch.server.app.llm.pricing.PricingService;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import io.javalin.config.RoutesConfig;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/namespaces/{ns}/llm/pricing}: a namespace's own model prices (admin), and the price
 * any model would be charged at (read).
 */
public final class PricingRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/llm/pricing";

  /** {@code PUT …/llm/pricing/{model}}: dollars per million tokens of each class. */
  public record PriceBody(
      JsonNode inputPerMtok,
      JsonNode outputPerMtok,
      JsonNode cacheReadPerMtok,
      JsonNode cacheWritePerMtok) {}

  private PricingRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, PricingService pricing) {
    routes.get(
        BASE, guard.with(READ, (ctx, ns) -> ctx.json(PriceView.Listing.of(pricing.list(ns)))));
    routes.get(
        BASE + "/{model}",
        guard.with(
            READ, (ctx, ns) -> ctx.json(PriceView.of(pricing.price(ns, ctx.pathParam("model"))))));
    routes.put(
        BASE + "/{model}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              PriceBody b = Bodies.read(ctx, PriceBody.class);
              PriceRequest request =
                  PriceRequest.of(
                      b.inputPerMtok(),
                      b.outputPerMtok(),
                      b.cacheReadPerMtok(),
                      b.cacheWritePerMtok());
              ctx.json(PriceView.of(pricing.put(ns, ctx.pathParam("model"), request)));
            }));
    routes.delete(
        BASE + "/{model}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              pricing.delete(ns, ctx.pathParam("model"));
              ctx.status(204);
            }));
  }
}
