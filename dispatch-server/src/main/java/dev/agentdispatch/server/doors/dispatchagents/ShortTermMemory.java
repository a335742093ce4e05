package dev.agentdispatch.server.doors.dispatchagents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.sessions.SessionRequests;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.doors.http.ApiException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The SDK's short-term memory as session state: one session per (agent, SDK session id), whose
 * state document is the session data. The SDK's ids are free-form and per agent, ours are names per
 * namespace, so the session's id is derived ({@code mem-} and a hash of both); its metadata keeps
 * the SDK's id, so {@code GET /v1/…/sessions?agent=} finds it and {@code …/state} reads what the
 * agent wrote.
 */
final class ShortTermMemory {
  private final AgentService agents;
  private final SessionService sessions;

  ShortTermMemory(AgentService agents, SessionService sessions) {
    this.agents = agents;
    this.sessions = sessions;
  }

  /** The session that holds {@code agent}'s memory of the SDK session {@code sdkSessionId}. */
  static String sessionId(String agent, String sdkSessionId) {
    return "mem-" + KeySecrets.hash(agent + "\n" + sdkSessionId).substring(0, 40);
  }

  Views.Message put(String ns, Wire.ShortTermMemory body) {
    String agent = required(body.agentName(), "agent_name");
    String sdkId = required(body.sessionId(), "session_id");
    if (body.sessionData() == null || !body.sessionData().isObject()) {
      throw ApiException.badRequest("session_data must be a JSON object");
    }
    AgentSpec spec = agents.requireSpec(ns, agent);
    if (spec.functions().isEmpty()) {
      throw ApiException.badRequest("agent '" + agent + "' declares no function to hold a session");
    }
    JsonNode metadata =
        JsonNodeFactory.instance
            .objectNode()
            .put("sdk_session_id", sdkId)
            .put("kind", "short_term_memory");
    sessions.putStateOpening(
        ns,
        new SessionRequests.Create(
            agent,
            Optional.of(spec.functions().get(0).name()),
            Optional.of(sessionId(agent, sdkId)),
            metadata,
            body.sessionData()));
    return new Views.Message("Short term memory added successfully");
  }

  /** What was written, or {@code {}} for a session never written (the SDK reads that as empty). */
  Views.SessionData get(String ns, Wire.ShortTermMemory body) {
    String id =
        sessionId(
            required(body.agentName(), "agent_name"), required(body.sessionId(), "session_id"));
    try {
      return new Views.SessionData(Json.tree(sessions.state(ns, id).stateJson()));
    } catch (ServiceException.NotFound e) {
      return new Views.SessionData(JsonNodeFactory.instance.objectNode());
    }
  }

  /** Empties the memory; the session (and its history of revisions) stays. */
  Views.Message delete(String ns, Wire.ShortTermMemory body) {
    String id =
        sessionId(
            required(body.agentName(), "agent_name"), required(body.sessionId(), "session_id"));
    try {
      sessions.putState(
          ns,
          id,
          new SessionRequests.PutState(
              JsonNodeFactory.instance.objectNode(), Optional.empty(), Optional.empty()));
    } catch (ServiceException.NotFound e) {
      // nothing was remembered
    }
    return new Views.Message("Short term memory deleted successfully");
  }

  private static String required(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw ApiException.badRequest(field + " is required");
    }
    return value;
  }
}
