package dev.agentdispatch.runtime.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * How a conversation is cut down after each message is added. Implementations keep the order of the
 * messages they keep.
 */
@FunctionalInterface
public interface Compaction {
  /** Keeps everything. */
  Compaction NONE = messages -> messages;

  /** The messages to keep, in their order. */
  List<MemoryMessage> compact(List<MemoryMessage> messages);

  /**
   * Drops the oldest messages until {@code fits} says what is left fits, optionally never dropping
   * a system message (which may then leave more than fits).
   */
  static List<MemoryMessage> dropOldest(
      List<MemoryMessage> messages,
      boolean keepSystem,
      java.util.function.Predicate<List<MemoryMessage>> fits) {
    List<MemoryMessage> kept = new ArrayList<>(messages);
    int i = 0;
    while (!fits.test(kept) && i < kept.size()) {
      if (keepSystem && kept.get(i).isSystem()) {
        i++;
      } else {
        kept.remove(i);
      }
    }
    return List.copyOf(kept);
  }

  /** Tokens of a list under an estimator. */
  static long tokens(List<MemoryMessage> messages, ToIntFunction<String> estimator) {
    return messages.stream().mapToLong(m -> estimator.applyAsInt(m.content())).sum();
  }
}
