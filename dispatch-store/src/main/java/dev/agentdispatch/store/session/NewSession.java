package dev.agentdispatch.store.session;

import java.util.Objects;

/** A session to create; its state document starts at revision 0 with {@code stateJson}. */
public record NewSession(
    String namespace,
    String id,
    String agent,
    String function,
    String metadataJson,
    String stateJson,
    RunTemplate template) {
  public NewSession {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(metadataJson, "metadataJson is null");
    Objects.requireNonNull(stateJson, "stateJson is null");
    Objects.requireNonNull(template, "template is null");
  }
}
