package dev.agentdispatch.server.doors.v1.llm;

import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.server.app.llm.routing.ConfiguredProvider;
import java.time.Instant;
import java.util.List;

/** A provider as the API shows it: the name of its key's variable and whether it is set, no key. */
public record ProviderView(
    String name,
    String namespace,
    String format,
    String baseUrl,
    String apiKeyEnv,
    boolean apiKeyPresent,
    List<String> models,
    String defaultModel,
    int priority,
    Instant createdAt,
    Instant updatedAt) {
  public static ProviderView of(ConfiguredProvider c) {
    LlmProvider p = c.record().provider();
    return new ProviderView(
        p.name(),
        c.record().namespace(),
        p.format().wire(),
        p.baseUrl().toString(),
        p.apiKeyEnv().orElse(null),
        c.apiKeyPresent(),
        p.models(),
        p.defaultModel().orElse(null),
        p.priority(),
        c.record().createdAt(),
        c.record().updatedAt());
  }
}
