package dev.agentdispatch.server.doors.a2a;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.server.app.Json;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** An agent's A2A skills: its callable functions (topic-only handlers are not skills). */
final class Skills {
  private Skills() {}

  static List<FunctionSpec> callable(AgentSpec agent) {
    return agent.functions().stream().filter(FunctionSpec::callable).toList();
  }

  /**
   * The skill an agent with several declares as its default, in its metadata: {@code {"a2a":
   * {"default_skill": "turn"}}}.
   */
  static Optional<String> declaredDefault(AgentSpec agent) {
    return agent
        .metadataJson()
        .flatMap(Skills::tree)
        .map(m -> m.path("a2a").path("default_skill"))
        .filter(JsonNode::isString)
        .map(JsonNode::asString);
  }

  private static Optional<JsonNode> tree(String json) {
    try {
      return Optional.of(Json.tree(json));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }
}
