package dev.agentdispatch.server.doors.v1.llm;

import dev.agentdispatch.store.llm.AliasRecord;
import java.time.Instant;

/** A model alias as the API shows it. */
public record AliasView(
    String alias, String namespace, String model, Instant createdAt, Instant updatedAt) {
  public static AliasView of(AliasRecord a) {
    return new AliasView(a.alias(), a.namespace(), a.model(), a.createdAt(), a.updatedAt());
  }
}
