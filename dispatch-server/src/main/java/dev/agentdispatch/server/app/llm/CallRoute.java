package dev.agentdispatch.server.app.llm;

import dev.agentdispatch.core.llm.LlmProvider;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one call goes: the model after aliases and variants, the providers to try in failover
 * order, and the variant that chose them (if an experiment applies).
 *
 * @param model the model the providers are asked for
 * @param candidates providers serving {@code model}, in failover order; never empty
 * @param variantName the experiment variant this call fell into, recorded with the call
 * @param systemPrompt a system prompt the variant substitutes for the caller's, if any
 */
public record CallRoute(
    String model,
    List<LlmProvider> candidates,
    Optional<String> variantName,
    Optional<String> systemPrompt) {

  public CallRoute {
    Objects.requireNonNull(model, "model");
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one provider");
    }
    Objects.requireNonNull(variantName, "variantName");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
  }
}
