package dev.agentdispatch.server.doors.dispatchagents;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The wire shapes of the door's LLM endpoints, as the dispatch_agents SDK and its proxy send. */
final class LlmWire {
  private LlmWire() {}

  /** {@code POST llm/inference}. */
  record Inference(
      List<JsonNode> messages,
      String model,
      String provider,
      JsonNode tools,
      Double temperature,
      Integer maxTokens,
      JsonNode responseFormat,
      String traceId,
      String invocationId,
      String agentName,
      Map<String, String> extraHeaders) {}

  /** The answer of {@code llm/inference} ({@code LLMResponse} in the SDK). */
  record InferenceAnswer(
      String llmCallId,
      String content,
      List<ToolCall> toolCalls,
      String finishReason,
      String model,
      String provider,
      String variantName,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd,
      long latencyMs) {}

  /** One tool call in OpenAI's form. */
  record ToolCall(String id, String type, Function function) {}

  /** A tool call's function and its JSON-string arguments. */
  record Function(String name, String arguments) {}

  /** {@code POST llm/log}: a call an agent made to a provider directly. */
  record Log(
      List<JsonNode> inputMessages,
      String responseContent,
      String model,
      String provider,
      Long inputTokens,
      Long outputTokens,
      List<JsonNode> toolCalls,
      String finishReason,
      Long latencyMs,
      String traceId,
      String invocationId,
      String agentName) {}

  /** The answer of {@code llm/log}. */
  record Logged(String llmCallId, BigDecimal costUsd) {}

  /** {@code POST llm/proxy}: a provider SDK's raw request, relayed by the SDK's sidecar. */
  record Proxy(
      JsonNode body,
      String endpoint,
      String providerFormat,
      String traceId,
      String invocationId,
      String subprocessId,
      Map<String, String> extraHeaders,
      String agentName) {}

  /** {@code POST llm/passthrough}: any other provider API call, relayed with credentials. */
  record Passthrough(
      String path,
      String method,
      String providerFormat,
      JsonNode body,
      Map<String, String> queryParams,
      String traceId,
      String invocationId,
      String subprocessId,
      Map<String, String> extraHeaders,
      String agentName) {}

  /** One call in {@code GET llm/calls}, as the reference router lists them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Call(
      String type,
      String llmCallId,
      String traceId,
      String invocationId,
      String agentName,
      String model,
      String provider,
      String variantName,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd,
      long latencyMs,
      String finishReason,
      String status,
      String error,
      String ts) {}

  /** {@code {"calls": [...]}}. */
  record Calls(List<Call> calls) {}
}
