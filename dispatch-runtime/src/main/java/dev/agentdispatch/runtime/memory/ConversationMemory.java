package dev.agentdispatch.runtime.memory;

import java.util.List;

/** A conversation an agent carries from turn to turn. */
public interface ConversationMemory {
  /** Appends a message (and compacts). */
  void add(MemoryMessage message);

  /** The messages kept, oldest first. */
  List<MemoryMessage> messages();

  /** Forgets everything. */
  void clear();
}
