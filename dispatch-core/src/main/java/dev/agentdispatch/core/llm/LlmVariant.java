package dev.agentdispatch.core.llm;

import dev.agentdispatch.core.agent.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * One arm of an {@link LlmExperiment}: the share of calls it gets and what it changes about them. A
 * variant that changes nothing is the control group.
 *
 * @param name recorded with every call that falls into it, a valid name
 * @param weight its share relative to the other variants' weights; positive and finite
 * @param model the model its calls are sent to instead of the requested one, if any
 * @param systemPrompt the system prompt its calls get instead of the caller's, if any
 */
public record LlmVariant(
    String name, double weight, Optional<String> model, Optional<String> systemPrompt) {

  public LlmVariant {
    if (!Names.valid(name)) {
      throw new IllegalArgumentException("invalid variant name: " + name);
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("variant weight must be positive and finite: " + weight);
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
  }
}
