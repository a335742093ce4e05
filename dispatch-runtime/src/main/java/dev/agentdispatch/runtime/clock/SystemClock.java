package dev.agentdispatch.runtime.clock;

import java.time.Duration;
import java.time.Instant;

/** {@link RuntimeClock} backed by {@link System#nanoTime()} and {@link Instant#now()}. */
public final class SystemClock implements RuntimeClock {
  static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public Duration monotonic() {
    return Duration.ofNanos(System.nanoTime());
  }

  @Override
  public Instant wallNow() {
    return Instant.now();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  }

  @Override
  public String toString() {
    return "SystemClock";
  }
}
