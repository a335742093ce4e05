package dev.agentdispatch.bench.load;

import java.util.List;

/**
 * One no-op worker loop over the raw wire protocol: lease a batch (long-poll), stamp the dispatch
 * latency of each lease, complete in batches, stamp the completion latency. It stops when the run
 * is finished or out of time; every long-poll is bounded by {@code waitMs}.
 */
public final class LeaseWorker implements Runnable {
  private final BenchApi api;
  private final String workerId;
  private final String agent;
  private final int leaseBatch;
  private final int completeBatch;
  private final int waitMs;
  private final RunState state;
  private final Samples dispatch = new Samples();
  private final Samples completion = new Samples();

  public LeaseWorker(
      BenchApi api,
      String workerId,
      String agent,
      int leaseBatch,
      int completeBatch,
      int waitMs,
      RunState state) {
    this.api = api;
    this.workerId = workerId;
    this.agent = agent;
    this.leaseBatch = leaseBatch;
    this.completeBatch = completeBatch;
    this.waitMs = waitMs;
    this.state = state;
  }

  @Override
  public void run() {
    while (!state.finished()) {
      try {
        List<Lease> leases =
            api.lease(workerId, agent, leaseBatch, (int) Math.min(waitMs, state.remainingMillis()));
        long received = System.nanoTime();
        // A payload without our stamp (t = 0) is not ours to time.
        leases.stream()
            .filter(l -> l.enqueuedNanos() != 0)
            .forEach(l -> dispatch.add(received - l.enqueuedNanos()));
        state.leased(leases.size());
        for (int from = 0; from < leases.size(); from += completeBatch) {
          List<Lease> chunk = leases.subList(from, Math.min(leases.size(), from + completeBatch));
          api.complete(workerId, chunk);
          long done = System.nanoTime();
          chunk.stream()
              .filter(l -> l.enqueuedNanos() != 0)
              .forEach(l -> completion.add(done - l.enqueuedNanos()));
          state.completed(chunk.size());
        }
      } catch (RuntimeException e) {
        state.failed(e);
        if (state.failureCount() > 100) {
          return;
        }
      }
    }
  }

  public Samples dispatch() {
    return dispatch;
  }

  public Samples completion() {
    return completion;
  }
}
