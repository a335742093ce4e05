package dev.agentdispatch.runtime.session;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The future of one async session operation. A plain {@link CompletableFuture} ignores {@code
 * cancel(true)}: the call would run on and the session would never hear of it. This one cancels the
 * session first (so the interrupted call finds it already ended, and exactly one cancelled event is
 * reported) and then interrupts the thread running the call.
 */
final class CancellableCall<T> extends CompletableFuture<T> {
  private final Runnable onCancel;
  private final Object lock = new Object();
  private Thread runner;

  CancellableCall(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  /** Runs the call on the executor's thread, unless it was cancelled before it started. */
  void run(Supplier<T> call) {
    synchronized (lock) {
      if (isDone()) {
        return;
      }
      runner = Thread.currentThread();
    }
    try {
      complete(call.get());
    } catch (Throwable e) {
      completeExceptionally(e);
    } finally {
      synchronized (lock) {
        runner = null;
      }
      if (isCancelled()) {
        Thread.interrupted(); // the cancel's interrupt must not reach the pool thread's next task
      }
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      onCancel.run();
      if (mayInterruptIfRunning) {
        synchronized (lock) {
          if (runner != null) {
            runner.interrupt();
          }
        }
      }
    }
    return cancelled;
  }
}
