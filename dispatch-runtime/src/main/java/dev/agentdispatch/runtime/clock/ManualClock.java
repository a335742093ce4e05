package dev.agentdispatch.runtime.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A settable clock for tests. Starts at monotonic 1000 s and wall 2026-01-01T00:00Z (the Python
 * library's defaults). {@link #advance} moves both readings; {@link #sleep} advances instead of
 * waiting and remembers the requested durations so tests can assert backoff delays.
 */
public final class ManualClock implements RuntimeClock {
  /** Default monotonic start, in seconds. */
  public static final double DEFAULT_START_SECONDS = 1000.0;

  /** Default wall start. */
  public static final Instant DEFAULT_WALL_START = Instant.parse("2026-01-01T00:00:00Z");

  private Duration monotonic;
  private Instant wall;
  private final List<Duration> sleeps = new ArrayList<>();

  /** A clock at the default start points. */
  public ManualClock() {
    this(Duration.ofMillis((long) (DEFAULT_START_SECONDS * 1000)), DEFAULT_WALL_START);
  }

  /** A clock at the given start points. */
  public ManualClock(Duration monotonicStart, Instant wallStart) {
    this.monotonic = Objects.requireNonNull(monotonicStart, "monotonicStart is null");
    this.wall = Objects.requireNonNull(wallStart, "wallStart is null");
  }

  @Override
  public synchronized Duration monotonic() {
    return monotonic;
  }

  @Override
  public synchronized Instant wallNow() {
    return wall;
  }

  /** Moves both readings forward; a negative amount fails. */
  public synchronized void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("advance amount must be >= 0, got " + amount);
    }
    monotonic = monotonic.plus(amount);
    wall = wall.plus(amount);
  }

  /** Moves both readings forward by {@code seconds}. */
  public void advanceSeconds(double seconds) {
    advance(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  /** Sets the monotonic reading to an absolute value; moving backwards fails. */
  public synchronized void tick(Duration absolute) {
    if (absolute.compareTo(monotonic) < 0) {
      throw new IllegalArgumentException(
          "tick would move the clock backwards: " + absolute + " < " + monotonic);
    }
    advance(absolute.minus(monotonic));
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    if (!duration.isNegative()) {
      advance(duration);
    }
  }

  /** The durations passed to {@link #sleep}, oldest first. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public synchronized String toString() {
    return "ManualClock[monotonic=" + monotonic + ", wall=" + wall + "]";
  }
}
