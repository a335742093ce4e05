package dev.agentdispatch.server.doors.v1.ledger;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.llm.budgets.BudgetRequest;
import dev.agentdispatch.server.app.llm.budgets.BudgetService;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import io.javalin.config.RoutesConfig;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** {@code /v1/namespaces/{ns}/llm/budget}: the namespace's monthly LLM budget and its spend. */
public final class BudgetRoutes {
  private static final String PATH = "/v1/namespaces/{ns}/llm/budget";

  /** {@code PUT …/llm/budget}. */
  public record BudgetBody(JsonNode monthlyBudgetUsd, JsonNode warnAt) {}

  /** The budget with this month's spend and holds of calls in flight. */
  public record BudgetView(
      String scope,
      BigDecimal monthlyBudgetUsd,
      double warnAt,
      String month,
      BigDecimal spentUsd,
      BigDecimal reservedUsd,
      boolean warned,
      Instant resetsAt,
      Instant updatedAt) {
    static BudgetView of(BudgetService.Status s) {
      return new BudgetView(
          s.budget().scope(),
          Usd.of(s.budget().limitMicros()),
          s.budget().warnAt(),
          s.month().toString(),
          Usd.of(s.usage().spentMicros()),
          Usd.of(s.usage().reservedMicros()),
          s.usage().warned(),
          s.resetsAt(),
          s.budget().updatedAt());
    }
  }

  private BudgetRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, BudgetService budgets) {
    routes.put(
        PATH,
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              BudgetBody b = Bodies.read(ctx, BudgetBody.class);
              ctx.json(
                  BudgetView.of(
                      budgets.put(ns, BudgetRequest.of(b.monthlyBudgetUsd(), b.warnAt()))));
            }));
    routes.get(PATH, guard.with(READ, (ctx, ns) -> ctx.json(BudgetView.of(budgets.get(ns)))));
    routes.delete(
        PATH,
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              budgets.delete(ns);
              ctx.status(204);
            }));
  }
}
