package dev.agentdispatch.server.app.llm.budgets;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.store.llm.BudgetRecord;
import dev.agentdispatch.store.llm.BudgetScopes;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.LlmBudgetStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which monthly budgets apply to a call, and the namespace's own budget. An agent's budget is its
 * registration's {@code monthly_budget_usd} (warning at {@link #DEFAULT_WARN_AT}); a namespace's is
 * set through the API. Both are read through short caches (two seconds, as agent specs are), so a
 * change made on another node applies within that.
 */
public final class BudgetService {
  /** The fraction of a budget whose crossing sends a warning when none is configured. */
  public static final double DEFAULT_WARN_AT = 0.8;

  private static final Duration CACHE_TTL = Duration.ofSeconds(2);

  private final LlmBudgetStore store;
  private final AgentService agents;
  private final Clock clock;
  // Per namespace; bounded, since a key for every namespace may name any.
  private final Map<String, Cached> cache =
      Caffeine.newBuilder().maximumSize(10_000).<String, Cached>build().asMap();

  private record Cached(Optional<BudgetRecord> budget, Instant loadedAt) {}

  /** A budget with this month's counters. */
  public record Status(BudgetRecord budget, YearMonth month, BudgetUsage usage, Instant resetsAt) {}

  public BudgetService(LlmBudgetStore store, AgentService agents, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  /** The budgets a call in {@code namespace} for {@code agent} is charged against. */
  public List<Limit> limits(String namespace, Optional<String> agent) {
    List<Limit> limits = new ArrayList<>();
    agent
        .flatMap(a -> agents.spec(namespace, a))
        .ifPresent(spec -> spec.monthlyBudgetUsd().ifPresent(b -> limits.add(agentLimit(spec, b))));
    namespaceBudget(namespace)
        .ifPresent(b ->
            limits.add(
                new Limit(
                    BudgetScopes.NAMESPACE,
                    "namespace '" + namespace + "'",
                    b.limitMicros(),
                    b.warnAt())));
    return limits;
  }

  private static Limit agentLimit(AgentSpec spec, BigDecimal budget) {
    return new Limit(
        BudgetScopes.agent(spec.name()),
        "agent '" + spec.name() + "'",
        Usd.micros(budget),
        DEFAULT_WARN_AT);
  }

  /** Sets (or replaces) the namespace's monthly budget. */
  public Status put(String namespace, BudgetRequest request) {
    BudgetRecord stored =
        store.put(
            new BudgetRecord(
                namespace,
                BudgetScopes.NAMESPACE,
                Usd.micros(request.monthlyBudgetUsd()),
                request.warnAt(),
                clock.instant()));
    cache.remove(namespace);
    return status(stored);
  }

  /** The namespace's budget and this month's spend; {@link ServiceException.NotFound} if none. */
  public Status get(String namespace) {
    return store
        .find(namespace, BudgetScopes.NAMESPACE)
        .map(this::status)
        .orElseThrow(() -> noBudget(namespace));
  }

  /** Removes the namespace's budget (its spend stays counted); NotFound when there is none. */
  public void delete(String namespace) {
    boolean deleted = store.delete(namespace, BudgetScopes.NAMESPACE);
    cache.remove(namespace);
    if (!deleted) {
      throw noBudget(namespace);
    }
  }

  private Status status(BudgetRecord b) {
    YearMonth month = Months.of(clock.instant());
    return new Status(
        b, month, store.usage(b.namespace(), b.scope(), month), Months.resetsAt(month));
  }

  private Optional<BudgetRecord> namespaceBudget(String namespace) {
    Instant now = clock.instant();
    Cached c = cache.get(namespace);
    if (c == null || c.loadedAt().plus(CACHE_TTL).isBefore(now)) {
      c = new Cached(store.find(namespace, BudgetScopes.NAMESPACE), now);
      cache.put(namespace, c);
    }
    return c.budget();
  }

  private static ServiceException.NotFound noBudget(String namespace) {
    return new ServiceException.NotFound(
        "namespace '"
            + namespace
            + "' has no LLM budget; set one with PUT /v1/namespaces/"
            + namespace
            + "/llm/budget");
  }
}
