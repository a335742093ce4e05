package dev.agentdispatch.server.loops;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one maintenance task on its own named thread (STYLE habit 10): never dies silently, counts
 * and logs failures, and runs again at once while a pass filled its batch (a backlog drains
 * quickly).
 */
public final class BackgroundLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

  private final String name;
  private final Duration interval;
  private final int batch;
  private final IntSupplier pass;
  private final Thread thread;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong handledTotal = new AtomicLong();
  private volatile boolean running = true;

  /**
   * @param pass does one batch and returns how many items it handled
   */
  public BackgroundLoop(String name, Duration interval, int batch, IntSupplier pass) {
    this.name = name;
    this.interval = interval;
    this.batch = batch;
    this.pass = pass;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
  }

  public BackgroundLoop start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      int handled = 0;
      try {
        handled = pass.getAsInt();
        if (handled > 0) {
          handledTotal.addAndGet(handled);
          log.debug("{} handled {}", name, handled);
        }
      } catch (RuntimeException e) {
        long n = failures.incrementAndGet();
        log.warn("{} failed (failure #{}); will retry", name, n, e);
      }
      if (handled < batch) {
        sleep();
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  public long failures() {
    return failures.get();
  }

  /** Items handled by every pass so far. */
  public long handled() {
    return handledTotal.get();
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
