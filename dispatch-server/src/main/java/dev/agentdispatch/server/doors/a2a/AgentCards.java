package dev.agentdispatch.server.doors.a2a;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent card of a Dispatch agent in either version: one skill per callable function, JSON-RPC
 * at the agent's A2A URL, streaming on, push notifications off, bearer auth when keys are required.
 */
final class AgentCards {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String BEARER = "bearer";

  private AgentCards() {}

  static ObjectNode card(Dialect d, AgentSpec agent, String url, boolean authRequired) {
    ObjectNode card = JSON.objectNode();
    if (d == Dialect.V0_3) {
      card.put("protocolVersion", d.protocolVersion());
    }
    card.put("name", agent.name());
    card.put(
        "description",
        agent.description().orElse("Agent '" + agent.name() + "' on Agent Dispatch"));
    if (d == Dialect.V0_3) {
      card.put("url", url).put("preferredTransport", "JSONRPC");
    } else {
      card.putArray("supportedInterfaces")
          .addObject()
          .put("url", url)
          .put("protocolBinding", "JSONRPC")
          .put("protocolVersion", d.protocolVersion());
    }
    card.put("version", agent.version().orElse("1"));
    ObjectNode capabilities = card.putObject("capabilities");
    capabilities.put("streaming", true).put("pushNotifications", false);
    modes(card.putArray("defaultInputModes"));
    modes(card.putArray("defaultOutputModes"));
    ArrayNode skills = card.putArray("skills");
    for (FunctionSpec f : Skills.callable(agent)) {
      ObjectNode skill = skills.addObject();
      skill.put("id", f.name()).put("name", f.name());
      skill.put("description", f.description().orElse(agent.name() + "." + f.name()));
      skill.putArray("tags").add(agent.name());
    }
    if (authRequired) {
      security(d, card);
    }
    return card;
  }

  private static void modes(ArrayNode modes) {
    modes.add("application/json").add("text/plain");
  }

  /** The same API keys as /v1, sent as {@code Authorization: Bearer <key>}. */
  private static void security(Dialect d, ObjectNode card) {
    ObjectNode schemes = card.putObject("securitySchemes");
    if (d == Dialect.V0_3) {
      schemes.putObject(BEARER).put("type", "http").put("scheme", "bearer");
      card.putArray("security").addObject().putArray(BEARER);
    } else {
      schemes.putObject(BEARER).putObject("httpAuthSecurityScheme").put("scheme", "Bearer");
      card.putArray("securityRequirements")
          .addObject()
          .putObject("schemes")
          .putObject(BEARER)
          .putArray("list");
    }
  }
}
