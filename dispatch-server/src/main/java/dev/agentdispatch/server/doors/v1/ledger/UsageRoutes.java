package dev.agentdispatch.server.doors.v1.ledger;

import static dev.agentdispatch.core.auth.Permission.READ;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.server.app.llm.ledger.UsageService;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.store.llm.UsageRow;
import io.javalin.config.RoutesConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/namespaces/{ns}/usage?group_by=&from=&to=}: what the namespace's LLM calls cost.
 */
public final class UsageRoutes {
  /** The report: one group per key, and the total. */
  public record UsageView(
      String groupBy, Instant from, Instant to, List<Group> groups, Group total) {
    static UsageView of(UsageService.Report r) {
      return new UsageView(
          r.groupBy().wire(),
          r.from(),
          r.to(),
          r.groups().stream().map(g -> Group.of(g, true)).toList(),
          Group.of(r.total(), false));
    }
  }

  /**
   * One group's calls, tokens and cost.
   *
   * @param key the agent, model, provider or day; null for calls without an agent
   */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  public record Group(
      @JsonInclude(JsonInclude.Include.ALWAYS) String key,
      long calls,
      long inputTokens,
      long outputTokens,
      long cacheReadTokens,
      long cacheWriteTokens,
      BigDecimal costUsd) {
    static Group of(UsageRow r, boolean keyed) {
      return new Group(
          keyed ? r.key().orElse(null) : null,
          r.calls(),
          r.inputTokens(),
          r.outputTokens(),
          r.cacheReadTokens(),
          r.cacheWriteTokens(),
          Usd.of(r.costMicros()));
    }
  }

  private UsageRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, UsageService usage) {
    routes.get(
        "/v1/namespaces/{ns}/usage",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    UsageView.of(
                        usage.usage(
                            ns,
                            Guard.param(ctx, "group_by"),
                            Guard.param(ctx, "from"),
                            Guard.param(ctx, "to"))))));
  }
}
