package dev.agentdispatch.runtime.memory;

import java.util.List;

/**
 * Keeps at most {@code maxMessages} messages, dropping the oldest first. With {@code keepSystem}
 * (the default) system messages are never dropped and count toward the window, so the newest other
 * messages fill what is left of it.
 */
public record WindowCompaction(int maxMessages, boolean keepSystem) implements Compaction {
  public WindowCompaction {
    if (maxMessages <= 0) {
      throw new IllegalArgumentException("max_messages must be > 0, got " + maxMessages);
    }
  }

  public WindowCompaction(int maxMessages) {
    this(maxMessages, true);
  }

  @Override
  public List<MemoryMessage> compact(List<MemoryMessage> messages) {
    return Compaction.dropOldest(messages, keepSystem, kept -> kept.size() <= maxMessages);
  }
}
