package dev.agentdispatch.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn five times a second by a daemon thread while a phase
 * runs; off (a no-op) when stderr is not a terminal or {@code --no-progress}.
 */
public final class Progress {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private final boolean enabled;

  public Progress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** A running bar; close it to print the final state and a newline. */
  public interface Bar extends AutoCloseable {
    @Override
    void close();
  }

  public Bar start(String label, long total, LongSupplier done) {
    if (!enabled) {
      return () -> {};
    }
    long start = System.nanoTime();
    Thread t =
        Thread.ofPlatform()
            .daemon(true)
            .name("progress")
            .start(() -> {
              while (!Thread.currentThread().isInterrupted()) {
                draw(label, total, done.getAsLong(), start);
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    return () -> {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      draw(label, total, done.getAsLong(), start);
      err.println();
    };
  }

  private synchronized void draw(String label, long total, long done, long start) {
    double frac = total <= 0 ? 0 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(frac * WIDTH);
    double seconds = (System.nanoTime() - start) / 1e9;
    err.printf(
        Locale.ROOT,
        "\r%-22s [%s%s] %5.1f%% %,d/%,d  %,.0f/s  %.1fs ",
        label,
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        frac * 100,
        done,
        total,
        seconds > 0 ? done / seconds : 0.0,
        seconds);
    err.flush();
  }
}
