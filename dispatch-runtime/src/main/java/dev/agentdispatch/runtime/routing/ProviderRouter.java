package dev.agentdispatch.runtime.routing;

import dev.agentdispatch.runtime.retry.FailureScenario;
import java.util.Collection;
import java.util.Optional;

/**
 * Picks the provider to switch to after a failure. {@link #select} never throws: invalid input
 * (attempt &lt; 1, a blank current provider) yields empty.
 */
@FunctionalInterface
public interface ProviderRouter {
  /**
   * @param scenario what failed
   * @param attempt the recovery attempt, {@code >= 1}
   * @param current the provider that failed
   * @param exclude providers not to pick
   */
  Optional<String> select(
      FailureScenario scenario, int attempt, String current, Collection<String> exclude);
}
