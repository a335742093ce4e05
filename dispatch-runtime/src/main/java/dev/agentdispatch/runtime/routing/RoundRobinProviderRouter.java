package dev.agentdispatch.runtime.routing;

import dev.agentdispatch.runtime.retry.FailureScenario;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Scans from a cursor, skipping current and excluded providers; a pick moves the cursor past it.
 */
public final class RoundRobinProviderRouter implements ProviderRouter {
  private final List<String> providers;
  private int cursor;

  public RoundRobinProviderRouter(List<String> providers) {
    this.providers = ProviderNames.normalise(providers);
  }

  @Override
  public synchronized Optional<String> select(
      FailureScenario scenario, int attempt, String current, Collection<String> exclude) {
    if (!ProviderNames.validInput(attempt, current, exclude) || providers.isEmpty()) {
      return Optional.empty();
    }
    int n = providers.size();
    for (int i = 0; i < n; i++) {
      int idx = (cursor + i) % n;
      String p = providers.get(idx);
      if (ProviderNames.allowed(p, current, exclude)) {
        cursor = (idx + 1) % n;
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
