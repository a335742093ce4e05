package dev.agentdispatch.server.app.streams;

import dev.agentdispatch.server.app.signals.WaitKey;
import java.util.List;

/**
 * One ordered log a live stream follows: what to read, and which {@link WaitKey} wakes its reader.
 *
 * @param <E> the log's entries
 */
public interface LogSource<E> {
  /** The key under which appends to this log are signalled. */
  WaitKey key();

  /**
   * Entries after {@code afterSeq}, at most {@code limit}. {@code ended} is true when the log can
   * grow no more (its invocation is terminal, its session deleted) as of before the entries were
   * read, so once a batch with {@code ended} is sent in full, nothing is left.
   */
  Batch<E> read(long afterSeq, int limit);

  /**
   * One read: entries in order, and whether the log is finished (with why, e.g. its final status).
   */
  record Batch<E>(List<E> entries, boolean ended, String endReason) {
    public Batch {
      entries = List.copyOf(entries);
    }
  }
}
