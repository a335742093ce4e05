package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One function of an agent, as registered with the server.
 *
 * @param name the function name, unique within the agent
 * @param description what it does
 * @param inputSchema the JSON Schema of its payload
 * @param outputSchema the JSON Schema of its result
 * @param triggers how it is reached
 * @param retry its retry policy, when it overrides the server default
 * @param timeoutSeconds its overall deadline, when it overrides the server default
 * @param attemptTimeoutSeconds the bound of one attempt
 */
public record FunctionSpec(
    String name,
    Optional<String> description,
    Optional<JsonNode> inputSchema,
    Optional<JsonNode> outputSchema,
    List<Trigger> triggers,
    Optional<RetryPolicy> retry,
    Optional<Integer> timeoutSeconds,
    Optional<Integer> attemptTimeoutSeconds) {
  /** Checks the name and normalises absent fields. */
  public FunctionSpec {
    Normalize.requireText(name, "function name");
    description = Normalize.optional(description);
    inputSchema = Normalize.json(inputSchema);
    outputSchema = Normalize.json(outputSchema);
    triggers = Normalize.list(triggers);
    retry = Normalize.optional(retry);
    timeoutSeconds = Normalize.optional(timeoutSeconds);
    attemptTimeoutSeconds = Normalize.optional(attemptTimeoutSeconds);
  }
}
