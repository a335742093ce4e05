package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.internal.Executors2;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call on a one-shot thread and waits at most {@code timeout}. On timeout the call is
 * cancelled (interrupted) and abandoned without waiting, so the caller gets control back promptly
 * even when the call ignores interrupts.
 */
final class Timed {
  private Timed() {}

  static <T> T call(Callable<T> fn, Duration timeout) throws Exception {
    ExecutorService executor = Executors2.perTask("agent-turn");
    Future<T> future = executor.submit(fn);
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TurnTimeoutException(timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    } finally {
      executor.shutdownNow();
    }
  }
}
