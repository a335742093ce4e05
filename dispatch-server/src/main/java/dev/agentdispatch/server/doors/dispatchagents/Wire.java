package dev.agentdispatch.server.doors.dispatchagents;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The request bodies of the dispatch-agents API as its SDK (0.9) and CLI send them. Every field
 * they send is declared, including those sent empty, since unknown fields are refused.
 */
final class Wire {
  private Wire() {}

  /** {@code POST agents/register}: where the CLI started the agent's gRPC server. */
  record Register(String agentName, String url) {}

  /** {@code POST events/subscribe}, sent at start and every 30 s: the agent's whole declaration. */
  record Subscribe(List<String> topics, String agentName, List<AgentFunction> functions) {}

  /** One handler of an agent; {@code input_schema} and {@code output_schema} are JSON Schemas. */
  record AgentFunction(
      String name,
      String description,
      JsonNode inputSchema,
      JsonNode outputSchema,
      List<FunctionTrigger> triggers) {}

  /** {@code {"type": "topic", "topic"}} or {@code {"type": "callable", "function_name"}}. */
  record FunctionTrigger(String type, String topic, String functionName) {}

  /** {@code POST invoke}. */
  record Invoke(
      String agentName,
      String functionName,
      JsonNode payload,
      String traceId,
      String parentId,
      Integer timeoutSeconds) {}

  /**
   * {@code PUT}, {@code GET} and {@code DELETE memory/long-term}: the SDK sends this body with all
   * three (with an empty {@code value} when reading or deleting).
   */
  record LongTermMemory(String agentName, String key, String value) {}

  /** {@code PUT}, {@code GET} and {@code DELETE memory/short-term}. */
  record ShortTermMemory(String agentName, String sessionId, JsonNode sessionData) {}

  /** {@code POST events/publish}. */
  record Publish(
      String topic, String senderId, JsonNode payload, String traceId, String parentId) {}
}
