package dev.agentdispatch.store.llm;

import java.time.Instant;
import java.util.Objects;

/** A stored model alias: calls for {@code alias} in the namespace go to {@code model}. */
public record AliasRecord(
    String namespace, String alias, String model, Instant createdAt, Instant updatedAt) {
  public AliasRecord {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
