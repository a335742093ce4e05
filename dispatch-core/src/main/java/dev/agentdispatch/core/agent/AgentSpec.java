package dev.agentdispatch.core.agent;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent declares when it registers: its functions and settings.
 *
 * @param metadataJson free-form metadata as JSON text
 * @param delivery how its work reaches it: pulled by workers, or pushed by the server
 * @param monthlyBudgetUsd what its LLM calls may cost per calendar month (UTC), in US dollars to at
 *     most six decimals; the LLM gateway refuses calls that would pass it
 * @param maxConcurrency the most of its invocations running at once, over all its functions,
 *     workers and nodes; absent means no cap
 * @param rateLimit how fast invocations of any of its functions are admitted; absent means no limit
 * @param tasks the routed tasks it takes (DESIGN §11); {@link TaskRole#NONE}: none
 */
public record AgentSpec(
    String namespace,
    String name,
    Optional<String> description,
    List<FunctionSpec> functions,
    Optional<String> version,
    Optional<String> metadataJson,
    Delivery delivery,
    Optional<BigDecimal> monthlyBudgetUsd,
    Optional<Integer> maxConcurrency,
    Optional<RateLimit> rateLimit,
    List<Lane> lanes,
    Optional<DegradePolicy> degrade,
    TaskRole tasks) {

  /** Money is kept to the micro-dollar: the ledger counts in integer micro-dollars. */
  public static final int BUDGET_SCALE = 6;

  public AgentSpec {
    Objects.requireNonNull(monthlyBudgetUsd, "monthlyBudgetUsd is null");
    monthlyBudgetUsd.ifPresent(b -> {
      if (b.signum() < 0) {
        throw new IllegalArgumentException("monthly_budget_usd must not be negative, got " + b);
      }
      if (b.stripTrailingZeros().scale() > BUDGET_SCALE) {
        throw new IllegalArgumentException(
            "monthly_budget_usd has at most " + BUDGET_SCALE + " decimals, got " + b);
      }
    });
    Objects.requireNonNull(maxConcurrency, "maxConcurrency is null");
    Objects.requireNonNull(rateLimit, "rateLimit is null");
    lanes = List.copyOf(lanes);
    Objects.requireNonNull(degrade, "degrade is null");
    Objects.requireNonNull(tasks, "tasks is null");
    Set<String> laneNames = new HashSet<>();
    for (Lane lane : lanes) {
      if (!laneNames.add(lane.name())) {
        throw new IllegalArgumentException("lane '" + lane.name() + "' is declared twice");
      }
    }
    int reserved = lanes.stream().mapToInt(Lane::reserved).sum();
    if (reserved > 0 && maxConcurrency.map(cap -> cap < reserved).orElse(true)) {
      throw new IllegalArgumentException(
          "lanes reserve "
              + reserved
              + " slots: that needs an agent max_concurrency of at least as many");
    }
    maxConcurrency.ifPresent(n -> Limits.requireCap(n, "max_concurrency"));
    Objects.requireNonNull(delivery, "delivery is null");
    Names.require(namespace, "namespace");
    Names.require(name, "agent name");
    Objects.requireNonNull(description, "description is null");
    functions = List.copyOf(functions);
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(metadataJson, "metadataJson is null");
    Set<String> seen = new HashSet<>();
    for (FunctionSpec f : functions) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("function '" + f.name() + "' is declared twice");
      }
    }
    if (!tasks.capabilities().isEmpty() && !seen.contains(tasks.function())) {
      throw new IllegalArgumentException(
          "task_function '"
              + tasks.function()
              + "' is not one of the agent's functions: an agent with capabilities receives its"
              + " tasks there");
    }
  }

  /** As the full form, taking no routed tasks. */
  public AgentSpec(
      String namespace,
      String name,
      Optional<String> description,
      List<FunctionSpec> functions,
      Optional<String> version,
      Optional<String> metadataJson,
      Delivery delivery,
      Optional<BigDecimal> monthlyBudgetUsd,
      Optional<Integer> maxConcurrency,
      Optional<RateLimit> rateLimit,
      List<Lane> lanes,
      Optional<DegradePolicy> degrade) {
    this(
        namespace,
        name,
        description,
        functions,
        version,
        metadataJson,
        delivery,
        monthlyBudgetUsd,
        maxConcurrency,
        rateLimit,
        lanes,
        degrade,
        TaskRole.NONE);
  }

  /** An agent without an agent-wide concurrency cap. */
  public AgentSpec(
      String namespace,
      String name,
      Optional<String> description,
      List<FunctionSpec> functions,
      Optional<String> version,
      Optional<String> metadataJson,
      Delivery delivery,
      Optional<BigDecimal> monthlyBudgetUsd) {
    this(
        namespace,
        name,
        description,
        functions,
        version,
        metadataJson,
        delivery,
        monthlyBudgetUsd,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  /** An agent without an LLM budget. */
  public AgentSpec(
      String namespace,
      String name,
      Optional<String> description,
      List<FunctionSpec> functions,
      Optional<String> version,
      Optional<String> metadataJson,
      Delivery delivery) {
    this(
        namespace, name, description, functions, version, metadataJson, delivery, Optional.empty());
  }

  /** An agent whose workers pull their work. */
  public AgentSpec(
      String namespace,
      String name,
      Optional<String> description,
      List<FunctionSpec> functions,
      Optional<String> version,
      Optional<String> metadataJson) {
    this(namespace, name, description, functions, version, metadataJson, Delivery.PULL);
  }

  /** The lane named {@code laneName}, if the agent declares it. */
  public Optional<Lane> lane(String laneName) {
    return lanes.stream().filter(l -> l.name().equals(laneName)).findFirst();
  }

  public Optional<FunctionSpec> function(String functionName) {
    return functions.stream().filter(f -> f.name().equals(functionName)).findFirst();
  }
}
