package dev.agentdispatch.server.doors.mcp;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import dev.agentdispatch.server.app.auth.Authenticator;
import dev.agentdispatch.server.app.auth.Caller;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The namespace's callable functions as MCP tools: {@code agent.function} (a dot is allowed in MCP
 * tool names, and never occurs in an agent or function name, so the name splits back
 * unambiguously), the function's description, its input schema, and its output schema when it
 * describes an object (then every result is structured). Topic-only handlers are not tools.
 */
final class ToolCatalog {
  /** MCP's longest tool name; a longer {@code agent.function} is not offered. */
  static final int MAX_NAME = 128;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final AgentService agents;

  ToolCatalog(AgentService agents) {
    this.agents = agents;
  }

  /** A tool's function, found by its tool name. */
  record Tool(String agent, String function, FunctionSpec spec) {
    String name() {
      return agent + "." + function;
    }

    /** Whether every result is a JSON object (so {@code outputSchema} is offered). */
    boolean structured() {
      return outputSchema().isPresent();
    }

    Optional<JsonNode> outputSchema() {
      return spec.outputSchemaJson()
          .map(Json::tree)
          .filter(s -> s.path("type").asString("").equals("object"));
    }
  }

  /**
   * The {@code tools/list} result: the tools {@code caller} may call (a key limited to agents that
   * may start work on those only does not see the others').
   */
  ObjectNode list(String namespace, Caller caller) {
    ArrayNode tools = JSON.arrayNode();
    for (RegisteredAgent a : agents.list(namespace)) {
      AgentSpec spec = a.spec();
      if (!Authenticator.mayInvoke(caller, spec.name())) {
        continue;
      }
      for (FunctionSpec f : spec.functions()) {
        Tool t = new Tool(spec.name(), f.name(), f);
        if (f.callable() && t.name().length() <= MAX_NAME) {
          tools.add(describe(t, spec));
        }
      }
    }
    ObjectNode result = JSON.objectNode();
    result.set("tools", tools);
    return result;
  }

  /** The callable function {@code name} names, or an invalid-params error ("unknown tool"). */
  Tool resolve(String namespace, String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      throw RpcError.invalidParams("unknown tool '" + name + "': tools are named agent.function");
    }
    String agent = name.substring(0, dot);
    String function = name.substring(dot + 1);
    return agents
        .spec(namespace, agent)
        .flatMap(s -> s.function(function))
        .filter(FunctionSpec::callable)
        .map(f -> new Tool(agent, function, f))
        .orElseThrow(() ->
            RpcError.invalidParams(
                "unknown tool '"
                    + name
                    + "': no callable function of that name in this namespace"));
  }

  private static ObjectNode describe(Tool t, AgentSpec agent) {
    ObjectNode tool = JSON.objectNode();
    tool.put("name", t.name());
    tool.put("title", t.name());
    tool.put(
        "description",
        t.spec()
            .description()
            .or(agent::description)
            .orElse("Function " + t.function() + " of agent " + t.agent()));
    tool.set("inputSchema", inputSchema(t.spec()));
    t.outputSchema().ifPresent(s -> tool.set("outputSchema", s));
    return tool;
  }

  /** The function's input schema; a function without one takes any object. */
  private static JsonNode inputSchema(FunctionSpec f) {
    return f.inputSchemaJson()
        .map(Json::tree)
        .orElseGet(() -> JSON.objectNode().put("type", "object"));
  }

  /**
   * The schema an elicitation may ask the user to fill for {@code f}'s input: the input schema
   * itself when it is an object of primitive properties (all MCP's form elicitation allows), else
   * empty.
   */
  static Optional<ObjectNode> elicitable(FunctionSpec f) {
    JsonNode schema = inputSchema(f);
    JsonNode props = schema.path("properties");
    if (!schema.path("type").asString("").equals("object")
        || !props.isObject()
        || props.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode properties = JSON.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = props.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      String type = p.getValue().path("type").asString("");
      if (!(type.equals("string")
          || type.equals("number")
          || type.equals("integer")
          || type.equals("boolean"))) {
        return Optional.empty();
      }
      properties.set(p.getKey(), p.getValue());
    }
    ObjectNode requested = JSON.objectNode().put("type", "object");
    requested.set("properties", properties);
    if (schema.path("required").isArray()) {
      requested.set("required", schema.get("required"));
    }
    return Optional.of(requested);
  }
}
