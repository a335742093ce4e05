package dev.agentdispatch.server.doors.v1.llm;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmVariant;
import dev.agentdispatch.store.llm.ExperimentRecord;
import java.time.Instant;
import java.util.List;

/** An experiment as the API shows it; {@code agent} is null for a namespace-wide one. */
public record ExperimentView(
    String name,
    String namespace,
    String agent,
    String stickyBy,
    List<VariantView> variants,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  /** One variant; {@code model} and {@code systemPrompt} are null when it keeps the caller's. */
  public record VariantView(String name, double weight, String model, String systemPrompt) {
    static VariantView of(LlmVariant v) {
      return new VariantView(
          v.name(), v.weight(), v.model().orElse(null), v.systemPrompt().orElse(null));
    }
  }

  public static ExperimentView of(ExperimentRecord r) {
    LlmExperiment e = r.experiment();
    return new ExperimentView(
        e.name(),
        r.namespace(),
        e.agent().orElse(null),
        e.stickyBy().wire(),
        e.variants().stream().map(VariantView::of).toList(),
        e.enabled(),
        r.createdAt(),
        r.updatedAt());
  }
}
