package dev.agentdispatch.runtime.recovery;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The provider a session is currently using and the providers that already failed during the
 * current turn (excluded from switching until a turn succeeds). Thread-safe.
 */
public final class ProviderState {
  private String current; // null when the session has no provider notion
  private final Set<String> failedThisTurn = new LinkedHashSet<>();

  public ProviderState(Optional<String> initial) {
    this.current = initial.map(String::strip).orElse(null);
  }

  public synchronized Optional<String> current() {
    return Optional.ofNullable(current);
  }

  /** Moves to {@code next}, remembering the current one as failed for this turn. */
  public synchronized void switchTo(String next) {
    if (current != null) {
      failedThisTurn.add(current);
    }
    current = next;
  }

  public synchronized Set<String> failedThisTurn() {
    return Set.copyOf(failedThisTurn);
  }

  /** Called when a turn starts: failures of earlier turns no longer exclude a provider. */
  public synchronized void startTurn() {
    failedThisTurn.clear();
  }
}
