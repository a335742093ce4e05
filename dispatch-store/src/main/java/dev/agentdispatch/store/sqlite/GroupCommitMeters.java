package dev.agentdispatch.store.sqlite;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The single writer's meters: how many writes each commit carries, how long a batch takes from its
 * first statement to its fsync'd commit, and how many writes wait for the writer.
 */
final class GroupCommitMeters {
  private final MeterRegistry meters;
  private final DistributionSummary batchSize;
  private final Timer commit;

  GroupCommitMeters(MeterRegistry meters) {
    this.meters = meters;
    this.batchSize =
        DistributionSummary.builder("dispatch.sqlite.commit.batch.size")
            .description("Writes committed together by one SQLite commit (group commit)")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
            .register(meters);
    this.commit =
        Timer.builder("dispatch.sqlite.commit")
            .description("One group commit, from its first statement to the durable commit")
            .serviceLevelObjectives(
                Duration.ofMillis(1),
                Duration.ofMillis(2),
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                Duration.ofMillis(25),
                Duration.ofMillis(100),
                Duration.ofMillis(500))
            .register(meters);
  }

  /** Meters that record nothing (tests that build a writer alone). */
  static GroupCommitMeters none() {
    return new GroupCommitMeters(new CompositeMeterRegistry());
  }

  void watchQueue(IntSupplier queued) {
    Gauge.builder("dispatch.sqlite.writes.waiting", queued::getAsInt)
        .description("Writes waiting for the SQLite writer")
        .register(meters);
  }

  void committed(int writes, long nanos) {
    batchSize.record(writes);
    commit.record(nanos, TimeUnit.NANOSECONDS);
  }
}
