package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.store.llm.ProviderRecord;
import java.util.Objects;

/**
 * A stored provider as the admin API shows it: never its key, only whether the environment variable
 * it names is set on this server.
 */
public record ConfiguredProvider(ProviderRecord record, boolean apiKeyPresent) {
  public ConfiguredProvider {
    Objects.requireNonNull(record, "record");
  }
}
