package dev.agentdispatch.runtime.routing;

import dev.agentdispatch.runtime.retry.FailureScenario;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The first provider, in declaration order, that is neither current nor excluded. */
public final class StaticProviderRouter implements ProviderRouter {
  private final List<String> providers;

  public StaticProviderRouter(List<String> providers) {
    this.providers = ProviderNames.normalise(providers);
  }

  public List<String> providers() {
    return providers;
  }

  @Override
  public Optional<String> select(
      FailureScenario scenario, int attempt, String current, Collection<String> exclude) {
    if (!ProviderNames.validInput(attempt, current, exclude)) {
      return Optional.empty();
    }
    return providers.stream().filter(p -> ProviderNames.allowed(p, current, exclude)).findFirst();
  }
}
