package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.List;

/** Keeps the last {@code capacity} usage records (default 1000); model names are stripped. */
public final class RingBufferUsageSink implements UsageSink {
  private final RingBuffer<UsageRecord> buffer;

  public RingBufferUsageSink() {
    this(RingBufferEventSink.DEFAULT_RING_CAPACITY);
  }

  public RingBufferUsageSink(int capacity) {
    this.buffer = new RingBuffer<>(capacity);
  }

  @Override
  public void record(String model, UsageSnapshot usage, double costUsd) {
    buffer.add(new UsageRecord(model, usage, costUsd));
  }

  /** A snapshot, oldest first. */
  public List<UsageRecord> records() {
    return buffer.snapshot();
  }

  public int capacity() {
    return buffer.capacity();
  }

  public void clear() {
    buffer.clear();
  }
}
