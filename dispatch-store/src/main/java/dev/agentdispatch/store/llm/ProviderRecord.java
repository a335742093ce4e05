package dev.agentdispatch.store.llm;

import dev.agentdispatch.core.llm.LlmProvider;
import java.time.Instant;
import java.util.Objects;

/** A stored model provider of one namespace. */
public record ProviderRecord(
    String namespace, LlmProvider provider, Instant createdAt, Instant updatedAt) {
  public ProviderRecord {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
