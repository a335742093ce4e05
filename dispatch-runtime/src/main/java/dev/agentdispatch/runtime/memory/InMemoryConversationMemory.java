package dev.agentdispatch.runtime.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A conversation in memory, compacted after every added message. Thread-safe. */
public final class InMemoryConversationMemory implements ConversationMemory {
  private final Compaction compaction;
  private List<MemoryMessage> messages;

  /** No compaction, empty. */
  public InMemoryConversationMemory() {
    this(Compaction.NONE, List.of());
  }

  public InMemoryConversationMemory(Compaction compaction, List<MemoryMessage> initial) {
    this.compaction = Objects.requireNonNull(compaction, "compaction is null");
    this.messages = List.copyOf(initial);
  }

  @Override
  public synchronized void add(MemoryMessage message) {
    List<MemoryMessage> next = new ArrayList<>(messages);
    next.add(Objects.requireNonNull(message, "message is null"));
    messages = List.copyOf(compaction.compact(next));
  }

  @Override
  public synchronized List<MemoryMessage> messages() {
    return messages;
  }

  @Override
  public synchronized void clear() {
    messages = List.of();
  }
}
