package dev.agentdispatch.core.llm;

import dev.agentdispatch.core.agent.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A split of model calls between variants by weight, for one agent or a whole namespace.
 *
 * @param name unique per namespace, a valid name
 * @param agent the agent whose calls it splits; empty: every call of the namespace
 * @param stickyBy which id keeps a caller in one variant
 * @param variants at least two, with distinct names
 * @param enabled whether it applies to calls now
 */
public record LlmExperiment(
    String name,
    Optional<String> agent,
    StickyBy stickyBy,
    List<LlmVariant> variants,
    boolean enabled) {

  /** The fewest variants an experiment may have: one variant would be no experiment. */
  public static final int MIN_VARIANTS = 2;

  public LlmExperiment {
    if (!Names.valid(name)) {
      throw new IllegalArgumentException("invalid experiment name: " + name);
    }
    Objects.requireNonNull(agent, "agent");
    agent.ifPresent(a -> Names.require(a, "agent"));
    Objects.requireNonNull(stickyBy, "stickyBy");
    variants = List.copyOf(variants);
    if (variants.size() < MIN_VARIANTS) {
      throw new IllegalArgumentException("an experiment needs at least two variants");
    }
    Set<String> names = new HashSet<>();
    for (LlmVariant v : variants) {
      if (!names.add(v.name())) {
        throw new IllegalArgumentException("variant names must be unique: " + v.name());
      }
    }
  }

  /** The sum of the variants' weights. */
  public double totalWeight() {
    return variants.stream().mapToDouble(LlmVariant::weight).sum();
  }
}
