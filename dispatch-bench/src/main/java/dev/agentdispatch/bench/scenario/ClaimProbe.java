package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.load.Lease;
import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.load.Samples;
import java.util.List;

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
    for (int i = 0; i < probes; i++) {
      if (enqueueFirst) {
        api.enqueue(agent, function, "{\"t\":0}");
      }
      long start = System.nanoTime();
      List<Lease> leases = api.lease("bench-probe", agent, 1, 0);
      samples.add(System.nanoTime() - start);
      if (!leases.isEmpty()) {
        api.complete("bench-probe", leases);
      }
    }
    return Percentiles.of(List.of(samples));
  }
}
