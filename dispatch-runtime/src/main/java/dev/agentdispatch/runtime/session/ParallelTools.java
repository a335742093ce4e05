package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.internal.Executors2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
 */
final class ParallelTools {
  private ParallelTools() {}

  static <T> List<T> run(List<Callable<T>> calls, Optional<Duration> timeout) {
    if (calls.isEmpty()) {
      return List.of();
    }
    ExecutorService executor = Executors2.perTask("agent-tool");
    ExecutorCompletionService<T> completion = new ExecutorCompletionService<>(executor);
    List<Future<T>> futures = new ArrayList<>();
    try {
      calls.forEach(c -> futures.add(completion.submit(c)));
      long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
      for (int i = 0; i < calls.size(); i++) {
        Future<T> done =
            timeout.isPresent()
                ? completion.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                : completion.take();
        if (done == null) {
          throw new TurnTimeoutException(timeout.get());
        }
        done.get(); // surfaces the first failure in completion order
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      throw SessionCallException.propagate(e.getCause());
    } catch (InterruptedException e) {
      throw SessionCallException.propagate(e);
    } finally {
      futures.forEach(f -> f.cancel(true));
      executor.shutdownNow();
    }
  }
}
