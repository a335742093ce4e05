package dev.agentdispatch.runtime.otel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spans of one telemetry that are still open, in start order, so that an abrupt end of the JVM
 * can still end them (children before their parents, which started earlier).
 */
final class OpenSpans {
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentSkipListMap<Long, SpanHandle> open = new ConcurrentSkipListMap<>();

  long add(SpanHandle handle) {
    long key = sequence.incrementAndGet();
    open.put(key, handle);
    return key;
  }

  void remove(long key) {
    open.remove(key);
  }

  int size() {
    return open.size();
  }

  /** Ends every open span, newest first, as an error of {@code errorType}. */
  void abandonAll(String errorType) {
    List<SpanHandle> newestFirst = new ArrayList<>(open.descendingMap().values());
    newestFirst.forEach(h -> h.abandon(errorType));
  }
}
