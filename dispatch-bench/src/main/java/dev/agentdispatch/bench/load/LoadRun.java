package dev.agentdispatch.bench.load;

import dev.agentdispatch.bench.Progress;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Runs one {@link LoadPlan}: starts the workers (they wait in long-polls), sends the invocations,
 * waits until every accepted one is completed or the plan's time is up, and gathers the numbers.
 */
public final class LoadRun {
  private LoadRun() {}

  public static LoadOutcome run(BenchApi api, LoadPlan plan, Progress progress, String label)
      throws InterruptedException {
    return run(api, plan, null, progress, label);
  }

  /**
   * The same, each invocation with the {@code concurrency_key} {@code keys} gives its sequence
   * number (null: none).
   */
  @SuppressWarnings("try") // the progress bar is held open while the phase runs, never referenced
  public static LoadOutcome run(
      BenchApi api, LoadPlan plan, LongFunction<String> keys, Progress progress, String label)
      throws InterruptedException {
    RunState state = new RunState(plan.maxTime().toNanos());
    WorkerPool workers =
        new WorkerPool(
            api,
            plan.agent(),
            plan.workers(),
            plan.leaseBatch(),
            plan.completeBatch(),
            plan.waitMs(),
            state);
    Producer producer = Producer.of(api, plan, state, keys);
    long enqueueNanos;
    try (Progress.Bar bar = progress.start(label, plan.count(), state::completedCount)) {
      if (plan.fixedRate()) {
        producer.fixedRate(plan.count(), plan.rate());
      } else {
        producer.closedLoop(plan.count(), plan.concurrency(), plan.enqueueBatch());
      }
      enqueueNanos = System.nanoTime() - state.startNanos();
      workers.join();
    }
    return outcome(state, enqueueNanos, workers.dispatch(), workers.completion());
  }

  /** What a run measured, from its state and its consumers' latencies. */
  static LoadOutcome outcome(
      RunState state, long enqueueNanos, Percentiles dispatch, Percentiles completion) {
    long elapsed =
        state.completedCount() == 0 ? 0 : state.lastCompletionNanos() - state.startNanos();
    return new LoadOutcome(
        state.acceptedCount(),
        state.completedCount(),
        state.failureCount(),
        Optional.ofNullable(state.firstFailure()),
        elapsed,
        enqueueNanos,
        dispatch,
        completion,
        state.timedOut(),
        state.leaseCallCount(),
        state.emptyLeaseCallCount());
  }
}
