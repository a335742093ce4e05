package dev.agentdispatch.runtime.routing;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.retry.FailureScenario;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The allowed provider with the highest weight above 0; ties go to the earlier entry. */
public final class WeightedProviderRouter implements ProviderRouter {
  private final List<Map.Entry<String, Double>> weights;

  /**
   * @param weights name → weight, in declaration order (use a LinkedHashMap or Map.entry list)
   */
  public WeightedProviderRouter(List<Map.Entry<String, Double>> weights) {
    List<String> names = ProviderNames.normalise(weights.stream().map(Map.Entry::getKey).toList());
    this.weights =
        java.util.stream.IntStream.range(0, names.size())
            .mapToObj(
                i -> Map.entry(names.get(i), Checks.finite(weights.get(i).getValue(), "weight")))
            .toList();
  }

  @Override
  public Optional<String> select(
      FailureScenario scenario, int attempt, String current, Collection<String> exclude) {
    if (!ProviderNames.validInput(attempt, current, exclude)) {
      return Optional.empty();
    }
    String best = null;
    double bestWeight = 0;
    for (var e : weights) {
      if (e.getValue() > bestWeight && ProviderNames.allowed(e.getKey(), current, exclude)) {
        best = e.getKey();
        bestWeight = e.getValue();
      }
    }
    return Optional.ofNullable(best);
  }
}
