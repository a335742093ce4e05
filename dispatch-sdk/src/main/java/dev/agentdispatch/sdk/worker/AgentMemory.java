package dev.agentdispatch.sdk.worker;

/** What a handler remembers beyond one invocation. */
public interface AgentMemory {
  /**
   * Returns the agent's long-term key-value memory.
   *
   * @return the memory
   */
  Kv kv();
}
