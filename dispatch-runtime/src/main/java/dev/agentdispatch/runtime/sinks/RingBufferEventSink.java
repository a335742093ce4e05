package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.events.AgentEvent;
import java.util.List;
import java.util.Objects;

/** Keeps the last {@code capacity} events (default {@value #DEFAULT_RING_CAPACITY}). */
public final class RingBufferEventSink implements EventSink {
  /** Default capacity of the ring-buffer sinks. */
  public static final int DEFAULT_RING_CAPACITY = 1000;

  private final RingBuffer<AgentEvent> buffer;

  public RingBufferEventSink() {
    this(DEFAULT_RING_CAPACITY);
  }

  public RingBufferEventSink(int capacity) {
    this.buffer = new RingBuffer<>(capacity);
  }

  @Override
  public void emit(AgentEvent event) {
    // Events are immutable records, so storing the reference is the copy.
    buffer.add(Objects.requireNonNull(event, "event is null"));
  }

  /** A snapshot, oldest first. */
  public List<AgentEvent> events() {
    return buffer.snapshot();
  }

  public int capacity() {
    return buffer.capacity();
  }

  public void clear() {
    buffer.clear();
  }
}
