package dev.agentdispatch.server.doors.v1.llm;

import java.util.List;

/** Wire form of {@code PUT /llm/experiments/{name}}. */
public record ExperimentBody(
    String agent, String stickyBy, List<VariantBody> variants, Boolean enabled) {

  /** One variant of the body. */
  public record VariantBody(String name, Double weight, String model, String systemPrompt) {}
}
