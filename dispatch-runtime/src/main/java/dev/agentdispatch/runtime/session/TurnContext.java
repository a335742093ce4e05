package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a turn's model call may want to know: the hook context (with the prompt hooks may have
 * rewritten), the provider to call (changed by recovery's {@code switch_provider}), the context
 * budget in characters (shrunk by {@code retry_with_smaller_context}), and the 1-based call attempt
 * within this turn.
 */
public record TurnContext(
    HookContext hooks, Optional<String> provider, OptionalInt contextBudgetChars, int attempt) {
  public TurnContext {
    Objects.requireNonNull(hooks, "hooks is null");
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(contextBudgetChars, "contextBudgetChars is null");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
  }
}
