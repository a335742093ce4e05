package dev.agentdispatch.bench.load;

import java.util.Arrays;

/** A growable array of nanosecond samples, owned by one thread while recording. */
public final class Samples {
  private long[] values = new long[1024];
  private int size;

  public void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  public int size() {
    return size;
  }

  long[] values() {
    return Arrays.copyOf(values, size);
  }
}
