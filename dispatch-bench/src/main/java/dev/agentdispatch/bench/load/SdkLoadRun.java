package dev.agentdispatch.bench.load;

import dev.agentdispatch.bench.Progress;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link LoadPlan} with the Java SDK's {@link Worker} as the consumer instead of the raw
 * wire-protocol loops: {@code plan.workers()} SDK workers, each with {@code plan.leaseBatch()}
 * handler slots and completions batched up to {@code plan.completeBatch()}, serve the plan's
 * function. The same producer sends the same invocations, so the two consumers compare one for one.
 */
public final class SdkLoadRun {
  private SdkLoadRun() {}

  /**
   * @param serverUrl the server's root URL
   * @param namespace the namespace {@code api} sends to
   */
  @SuppressWarnings("try") // the progress bar is held open while the phase runs, never referenced
  public static LoadOutcome run(
      BenchApi api,
      String serverUrl,
      String namespace,
      LoadPlan plan,
      Progress progress,
      String label)
      throws InterruptedException {
    RunState state = new RunState(plan.maxTime().toNanos());
    SdkNoop handler = new SdkNoop(state);
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < plan.workers(); i++) {
      DispatchClient client =
          DispatchClient.builder()
              .baseUrl(serverUrl)
              .namespace(namespace)
              .requestTimeout(Duration.ofSeconds(30))
              .build();
      workers.add(
          Worker.builder()
              .client(client)
              .agent(plan.agent())
              .register(handler)
              .concurrency(plan.leaseBatch())
              .maxBatch(plan.completeBatch())
              .pollWait(Duration.ofMillis(plan.waitMs()))
              .gracePeriod(Duration.ofSeconds(5))
              .build()
              .start());
    }
    Producer producer = Producer.of(api, plan, state, null);
    long enqueueNanos;
    try (Progress.Bar bar = progress.start(label, plan.count(), state::completedCount)) {
      producer.closedLoop(plan.count(), plan.concurrency(), plan.enqueueBatch());
      enqueueNanos = System.nanoTime() - state.startNanos();
      while (!state.finished()) {
        Thread.sleep(5);
      }
    }
    // Stopping waits for the last completions to reach the server.
    workers.forEach(Worker::stop);
    Percentiles dispatch = Percentiles.of(List.of(handler.dispatch()));
    return LoadRun.outcome(state, enqueueNanos, dispatch, dispatch);
  }
}
