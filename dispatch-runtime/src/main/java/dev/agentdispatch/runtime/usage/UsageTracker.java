package dev.agentdispatch.runtime.usage;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The turns of one session with their usage, priced by an injected {@link PricingRegistry}. */
public final class UsageTracker {
  private static final System.Logger LOG = System.getLogger(UsageTracker.class.getName());
  // The models already warned about in this process: one warning per model, so a second unpriced
  // model is not silently priced at $0 after the first one's warning.
  private static final Set<String> WARNED_UNPRICED = ConcurrentHashMap.newKeySet();

  /** One recorded turn. */
  public record Turn(String model, UsageSnapshot usage, double costUsd) {}

  private final PricingRegistry pricing;
  private final List<Turn> turns = new ArrayList<>();

  /** A tracker priced by the default registry. */
  public UsageTracker() {
    this(PricingRegistry.defaultRegistry());
  }

  public UsageTracker(PricingRegistry pricing) {
    this.pricing = Objects.requireNonNull(pricing, "pricing is null");
  }

  /** Records a turn; {@code ""} means "no model" and costs nothing. Returns the turn's cost. */
  public double recordTurn(String model, UsageSnapshot usage) {
    Objects.requireNonNull(usage, "usage is null");
    String key = PricingRegistry.normalise(Objects.requireNonNull(model, "model is null"));
    if (!key.isEmpty() && !pricing.has(key) && WARNED_UNPRICED.add(key)) {
      // Once per model and process: a missing price silently zeroes every cost of that model.
      LOG.log(Level.WARNING, "no pricing registered for model ''{0}''; its cost counts as $0", key);
    }
    double cost = costForTurn(key, usage);
    synchronized (this) {
      turns.add(new Turn(key, usage, cost));
    }
    return cost;
  }

  /** What a turn of {@code usage} on {@code model} costs. */
  public double costForTurn(String model, UsageSnapshot usage) {
    return pricing.resolve(model).cost(usage);
  }

  public synchronized List<Turn> turns() {
    return List.copyOf(turns);
  }

  public synchronized long totalInputTokens() {
    return turns.stream().mapToLong(t -> t.usage().inputTokens()).sum();
  }

  public synchronized long totalOutputTokens() {
    return turns.stream().mapToLong(t -> t.usage().outputTokens()).sum();
  }

  public synchronized long totalToolCalls() {
    return turns.stream().mapToLong(t -> t.usage().toolCalls()).sum();
  }

  public synchronized double totalCost() {
    double sum = 0;
    for (Turn t : turns) {
      sum += t.costUsd();
    }
    return sum;
  }

  public String formatCost() {
    return CostFormat.format(totalCost());
  }

  public double budgetRemaining(double budgetUsd) {
    return budgetUsd - totalCost();
  }

  /** Strictly over: spending exactly the budget is not over it. */
  public boolean isOverBudget(double budgetUsd) {
    return totalCost() > budgetUsd;
  }

  /**
   * {turns, total_input_tokens, total_output_tokens, total_cost_usd (4 places), formatted_cost}.
   */
  public synchronized Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("turns", turns.size());
    m.put("total_input_tokens", totalInputTokens());
    m.put("total_output_tokens", totalOutputTokens());
    m.put("total_cost_usd", Math.round(totalCost() * 10_000d) / 10_000d);
    m.put("formatted_cost", formatCost());
    return m;
  }

  /** Cost per model, in first-seen order. */
  public synchronized Map<String, Double> perModelSummary() {
    Map<String, Double> m = new LinkedHashMap<>();
    turns.forEach(t -> m.merge(t.model(), t.costUsd(), Double::sum));
    return m;
  }
}
