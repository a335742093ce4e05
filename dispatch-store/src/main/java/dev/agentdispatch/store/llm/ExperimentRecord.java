package dev.agentdispatch.store.llm;

import dev.agentdispatch.core.llm.LlmExperiment;
import java.time.Instant;
import java.util.Objects;

/** A stored experiment of one namespace. */
public record ExperimentRecord(
    String namespace, LlmExperiment experiment, Instant createdAt, Instant updatedAt) {
  public ExperimentRecord {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
