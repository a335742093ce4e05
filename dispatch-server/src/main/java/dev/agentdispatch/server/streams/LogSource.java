package dev.agentdispatch.server.streams;

import java.util.List;

/** Reads one ordered log for a stream. */
public interface LogSource {
  /**
   * Entries after {@code afterSeq}, at most {@code limit}. {@code ended} is true when the log can grow no
   * more (its invocation is terminal, its session deleted) as of before the entries were read, so once a
   * batch with {@code ended} is sent in full, nothing is left.
   */
  Batch read(long afterSeq, int limit);

  record Batch(List<StreamEntry> entries, boolean ended, String endReason) {
    public Batch {
      entries = List.copyOf(entries);
    }
  }
}
