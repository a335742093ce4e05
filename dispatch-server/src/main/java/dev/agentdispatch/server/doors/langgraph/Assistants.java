package dev.agentdispatch.server.doors.langgraph;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The namespace's assistants: one per callable function, its {@code graph_id} {@code
 * agent.function}, its id a name-based UUID of namespace and graph id, so it is the same on every
 * node and after every restart.
 */
final class Assistants {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final AgentService agents;

  Assistants(AgentService agents) {
    this.agents = agents;
  }

  /** One assistant: a callable function of an agent. */
  record Assistant(String namespace, AgentSpec agent, FunctionSpec function, Instant createdAt) {
    String graphId() {
      return graphId(agent.name(), function.name());
    }

    String id() {
      return id(namespace, agent.name(), function.name());
    }

    static String graphId(String agent, String function) {
      return agent + "." + function;
    }

    static String id(String namespace, String agent, String function) {
      String name = "langgraph:" + namespace + "/" + graphId(agent, function);
      return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
  }

  List<Assistant> all(String namespace) {
    List<Assistant> all = new ArrayList<>();
    for (RegisteredAgent a : agents.list(namespace)) {
      for (FunctionSpec f : a.spec().functions()) {
        if (f.callable()) {
          all.add(new Assistant(namespace, a.spec(), f, a.createdAt()));
        }
      }
    }
    return all;
  }

  /** The assistant {@code idOrGraph} names: its UUID or its graph id ({@code agent.function}). */
  Assistant resolve(String namespace, String idOrGraph) {
    return all(namespace).stream()
        .filter(a -> a.id().equals(idOrGraph) || a.graphId().equals(idOrGraph))
        .findFirst()
        .orElseThrow(() ->
            new ServiceException.NotFound(
                "assistant '"
                    + idOrGraph
                    + "' not found in namespace '"
                    + namespace
                    + "': name one by assistant_id or graph_id (agent.function)"));
  }

  /** The assistant a session talks to, when its function is still callable. */
  Optional<Assistant> of(String namespace, String agent, String function) {
    String graph = Assistant.graphId(agent, function);
    return all(namespace).stream().filter(a -> a.graphId().equals(graph)).findFirst();
  }

  static ObjectNode view(Assistant a) {
    ObjectNode v = JSON.objectNode();
    v.put("assistant_id", a.id());
    v.put("graph_id", a.graphId());
    v.put("name", a.graphId());
    a.function()
        .description()
        .ifPresentOrElse(d -> v.put("description", d), () -> v.putNull("description"));
    v.putObject("config");
    v.putObject("context");
    v.putObject("metadata").put("agent", a.agent().name()).put("function", a.function().name());
    v.put("version", 1);
    v.put("created_at", a.createdAt().toString());
    v.put("updated_at", a.createdAt().toString());
    return v;
  }

  static ObjectNode schemas(Assistant a) {
    ObjectNode v = JSON.objectNode();
    v.put("graph_id", a.graphId());
    JsonNode input = a.function().inputSchemaJson().map(Json::tree).orElse(NullNode.getInstance());
    JsonNode output =
        a.function().outputSchemaJson().map(Json::tree).orElse(NullNode.getInstance());
    v.set("input_schema", input);
    v.set("output_schema", output);
    v.set("state_schema", output);
    v.putNull("config_schema");
    v.putNull("context_schema");
    return v;
  }
}
