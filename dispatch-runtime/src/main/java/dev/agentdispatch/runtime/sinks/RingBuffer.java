package dev.agentdispatch.runtime.sinks;

import java.util.ArrayDeque;
import java.util.List;

/** A bounded FIFO that silently drops its oldest entry when full. */
final class RingBuffer<T> {
  private final int capacity;
  private final ArrayDeque<T> items;

  RingBuffer(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
    }
    this.capacity = capacity;
    this.items = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  synchronized void add(T item) {
    if (items.size() == capacity) {
      items.removeFirst();
    }
    items.addLast(item);
  }

  synchronized List<T> snapshot() {
    return List.copyOf(items);
  }

  synchronized void clear() {
    items.clear();
  }

  int capacity() {
    return capacity;
  }
}
