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

  /** Consecutive failed calls after which a worker gives up (the server is gone). */
  static final int GIVE_UP_AFTER = 100;

  /** How often a refused completion is sent again before its leases are left to expire. */
  static final int COMPLETE_TRIES = 5;

  @Override
  public void run() {
    int failedInARow = 0;
    while (!state.finished()) {
      try {
        List<Lease> leases =
            api.lease(workerId, agent, leaseBatch, (int) Math.min(waitMs, state.remainingMillis()));
        failedInARow = 0;
        long received = System.nanoTime();
        // A payload without our stamp (t = 0) is not ours to time.
        leases.stream()
            .filter(l -> l.enqueuedNanos() != 0)
            .forEach(l -> dispatch.add(received - l.enqueuedNanos()));
        state.leased(leases.size());
        for (int from = 0; from < leases.size(); from += completeBatch) {
          complete(leases.subList(from, Math.min(leases.size(), from + completeBatch)));
        }
      } catch (RuntimeException e) {
        // A refused lease call (overload answers 503) is retried after a pause, as a real worker
        // does; only a server that stays gone ends the loop. Giving up on any 100 failures of the
        // run made an overloaded server look like minute-long dispatch stalls.
        state.failed(e);
        if (++failedInARow > GIVE_UP_AFTER) {
          return;
        }
        pause(failedInARow);
      }
    }
  }

  /** Completes one chunk, sending it again after a pause when it is refused. */
  private void complete(List<Lease> chunk) {
    for (int attempt = 1; ; attempt++) {
      try {
        api.complete(workerId, chunk);
        break;
      } catch (RuntimeException e) {
        state.failed(e);
        if (attempt == COMPLETE_TRIES || state.timedOut()) {
          return; // its leases expire and the work is leased again
        }
        pause(attempt);
      }
    }
    long done = System.nanoTime();
    chunk.stream()
        .filter(l -> l.enqueuedNanos() != 0)
        .forEach(l -> completion.add(done - l.enqueuedNanos()));
    state.completed(chunk.size());
  }

  /** 20 ms after a first failure, doubling up to a second. */
  private static void pause(int failures) {
    try {
      Thread.sleep(Math.min(1_000L, 20L << Math.min(failures - 1, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Samples dispatch() {
    return dispatch;
  }

  public Samples completion() {
    return completion;
  }
}
