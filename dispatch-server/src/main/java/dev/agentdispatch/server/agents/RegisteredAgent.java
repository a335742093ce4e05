package dev.agentdispatch.server.agents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.store.agent.AgentRecord;

/** A stored agent with its parsed spec and the wire form it was registered with. */
public record RegisteredAgent(AgentSpec spec, AgentBody body, AgentRecord record) {}
