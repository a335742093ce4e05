package dev.agentdispatch.server.doors.v1.agents;

import dev.agentdispatch.server.doors.v1.wire.RetryBody;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Wire form of {@code PUT /agents/{agent}} (DESIGN §5). Only fields the server acts on are
 * accepted: an unknown field (e.g. {@code max_concurrency} before flow control enforces it) is
 * refused, never stored silently. {@code monthly_budget_usd} is enforced by the LLM gateway.
 */
public record AgentBody(
    String description,
    List<FunctionBody> functions,
    String version,
    JsonNode metadata,
    JsonNode monthlyBudgetUsd,
    DeliveryBody delivery) {

  /**
   * {@code {mode: pull}} (the default), {@code {mode: grpc, address, tls?}} or {@code {mode: http,
   * url}}.
   */
  public record DeliveryBody(String mode, String address, Boolean tls, String url) {}

  /** One function of an agent. */
  public record FunctionBody(
      String name,
      String description,
      JsonNode inputSchema,
      JsonNode outputSchema,
      List<TriggerBody> triggers,
      RetryBody retry,
      Integer timeoutSeconds,
      Integer attemptTimeoutSeconds) {}

  /**
   * {@code {type: callable}}, {@code {type: topic, topic}} or {@code {type: schedule, cron,
   * timezone?, payload?}}.
   */
  public record TriggerBody(
      String type, String topic, String cron, String timezone, JsonNode payload) {}
}
