package dev.agentdispatch.sdk.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Body of {@code PUT /agents/{agent}}: what an agent declares about itself.
 *
 * @param description what the agent does
 * @param functions its functions
 * @param version a version label
 * @param metadata free-form labels
 */
public record AgentRegistration(
    Optional<String> description,
    List<FunctionSpec> functions,
    Optional<String> version,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metadata) {
  /** Copies collections and normalises absent fields. */
  public AgentRegistration {
    description = Normalize.optional(description);
    functions = Normalize.list(functions);
    version = Normalize.optional(version);
    metadata = Normalize.map(metadata);
  }

  /**
   * Creates a registration with only functions.
   *
   * @param functions the functions
   * @return the registration
   */
  public static AgentRegistration of(List<FunctionSpec> functions) {
    return new AgentRegistration(Optional.empty(), functions, Optional.empty(), Map.of());
  }
}
