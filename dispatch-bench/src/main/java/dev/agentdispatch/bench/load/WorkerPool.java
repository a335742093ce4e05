package dev.agentdispatch.bench.load;

import java.util.ArrayList;
import java.util.List;

/** A set of {@link LeaseWorker}s on virtual threads, joined when the run is over. */
public final class WorkerPool {
  private final List<LeaseWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  public WorkerPool(
      BenchApi api,
      String agent,
      int count,
      int leaseBatch,
      int completeBatch,
      int waitMs,
      RunState state) {
    for (int i = 0; i < count; i++) {
      LeaseWorker w =
          new LeaseWorker(
              api, "bench-worker-" + i, agent, leaseBatch, completeBatch, waitMs, state);
      workers.add(w);
      threads.add(Thread.ofVirtual().name("bench-worker-" + i).start(w));
    }
  }

  public void join() throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }

  public Percentiles dispatch() {
    return Percentiles.of(workers.stream().map(LeaseWorker::dispatch).toList());
  }

  public Percentiles completion() {
    return Percentiles.of(workers.stream().map(LeaseWorker::completion).toList());
  }
}
