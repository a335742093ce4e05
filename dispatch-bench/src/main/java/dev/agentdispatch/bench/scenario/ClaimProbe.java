package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.Lease;
import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.load.Samples;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Claim latency as a worker sees it: the round trip of {@code lease(max=1, wait_ms=0)} when work is
 * there, timed one call at a time (the leased item is completed at once, outside the timing).
 */
final class ClaimProbe {
  private ClaimProbe() {}

  /**
   * @param enqueueFirst enqueue one invocation before each probe (an otherwise empty queue)
   */
  static Percentiles measure(
      BenchApi api, String agent, String function, int probes, boolean enqueueFirst) {
    Samples samples = new Samples();
    measure(api, agent, function, probes, enqueueFirst ? i -> null : null, samples);
    return Percentiles.of(List.of(samples));
  }

  /**
   * Adds {@code probes} timed claims to {@code samples}.
   *
   * @param keyOf when not null, one invocation is enqueued before each probe, with the {@code
   *     concurrency_key} it gives the probe's number (null: none)
   * @return how many leases were not of a probe's own invocation (a stamped payload: someone else's
   *     work was claimable)
   */
  static int measure(
      BenchApi api,
      String agent,
      String function,
      int probes,
      IntFunction<String> keyOf,
      Samples samples) {
    int foreign = 0;
    for (int i = 0; i < probes; i++) {
      if (keyOf != null) {
        api.enqueue(agent, function, "{\"t\":0}", keyOf.apply(i));
      }
      long start = System.nanoTime();
      List<Lease> leases = api.lease("bench-probe", agent, 1, 0);
      samples.add(System.nanoTime() - start);
      if (!leases.isEmpty()) {
        foreign += (int) leases.stream().filter(l -> l.enqueuedNanos() != 0).count();
        api.complete("bench-probe", leases);
      }
    }
    return foreign;
  }
}
