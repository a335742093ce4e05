package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.internal.Executors2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out/fan-in of tool calls with the shape of structured concurrency: every task is owned by one
 * scope, the first failure cancels the siblings, nothing outlives the call. {@code
 * StructuredTaskScope} is a preview API up to Java 24 and this module compiles for 17, so the scope
 * is built from an executor (virtual threads when the JVM has them) and a completion service.
 * Timeouts are real time: the tasks run on real threads.
 *
 * <p>Python's task group raises an exception group holding every failure; here the first failure
 * (in completion order) is thrown and every other task's failure is attached to it as a suppressed
 * exception. After a failure the scope waits for the cancelled siblings to end, so a sibling that
 * failed while it was being cancelled is reported too; a sibling ended by the cancellation itself
 * (an interrupt) did not fail and is not reported.
 */
final class ParallelTools {
  private ParallelTools() {}

  static <T> List<T> run(List<Callable<T>> calls, Optional<Duration> timeout) {
    if (calls.isEmpty()) {
      return List.of();
    }
    ExecutorService executor = Executors2.perTask("agent-tool");
    ExecutorCompletionService<T> completion = new ExecutorCompletionService<>(executor);
    // A cancelled FutureTask drops the exception its task throws afterwards, so each task records
    // its own failure here, in the order the failures happen.
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Future<T>> futures = new ArrayList<>();
    boolean failed = false;
    try {
      calls.forEach(c -> futures.add(completion.submit(recording(c, failures))));
      long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
      for (int i = 0; i < calls.size(); i++) {
        Future<T> done =
            timeout.isPresent()
                ? completion.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                : completion.take();
        if (done == null) {
          throw new TurnTimeoutException(timeout.get());
        }
        done.get(); // the first failure in completion order
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      failed = true;
      Throwable first = e.getCause();
      futures.forEach(f -> f.cancel(true));
      awaitSiblings(executor);
      for (Throwable other : failures) {
        if (other != first && !isCancellation(other)) {
          first.addSuppressed(other);
        }
      }
      throw SessionCallException.propagate(first);
    } catch (InterruptedException e) {
      throw SessionCallException.propagate(e);
    } finally {
      if (!failed) {
        futures.forEach(f -> f.cancel(true));
      }
      executor.shutdownNow();
    }
  }

  private static <T> Callable<T> recording(Callable<T> call, Queue<Throwable> failures) {
    return () -> {
      try {
        return call.call();
      } catch (Exception | Error e) {
        failures.add(e);
        throw e;
      }
    };
  }

  /**
   * Waits for the cancelled siblings to end, as a task group does before it raises. An interrupt of
   * the caller stops the wait; the group's failure is still thrown.
   */
  private static void awaitSiblings(ExecutorService executor) {
    executor.shutdownNow();
    try {
      while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        // keep waiting: a sibling that ignores its interrupt still belongs to this scope
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean isCancellation(Throwable t) {
    return t instanceof InterruptedException
        || t instanceof CancellationException
        || t instanceof java.nio.channels.ClosedByInterruptException;
  }
}
