package dev.agentdispatch.server.agents;

import dev.agentdispatch.server.api.RetryBody;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Wire form of {@code PUT /agents/{agent}} (DESIGN §5). It is also what the store keeps, so a stored
 * agent is read back through the same parser. Fields the server does not act on yet (delivery, budgets,
 * capabilities) are accepted and kept.
 */
public record AgentBody(
    String description,
    List<FunctionBody> functions,
    Map<String, Object> delivery,
    Integer maxConcurrency,
    Double monthlyBudgetUsd,
    List<String> capabilities,
    String version,
    JsonNode metadata) {

  /** One function of an agent. */
  public record FunctionBody(
      String name,
      String description,
      JsonNode inputSchema,
      JsonNode outputSchema,
      List<TriggerBody> triggers,
      RetryBody retry,
      Integer timeoutSeconds,
      Integer attemptTimeoutSeconds,
      Integer maxConcurrency) {}

  /** {@code {type: callable}}, {@code {type: topic, topic}} or {@code {type: schedule, cron, timezone?, payload?}}. */
  public record TriggerBody(String type, String topic, String cron, String timezone, JsonNode payload) {}
}
