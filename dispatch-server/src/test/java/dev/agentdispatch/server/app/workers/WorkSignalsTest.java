package dev.agentdispatch.server.app.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Lease polls' wake-ups stay exact while polls for made-up agent names cannot grow the node. */
class WorkSignalsTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void pollsForMadeUpAgentsDoNotGrowTheEntriesWithoutBound() {
    try (WorkSignals signals = new WorkSignals(Clock.systemUTC())) {
      for (int i = 0; i < 3 * WorkSignals.MAX_ENTRIES; i++) {
        signals.version("ns", "made-up-" + i);
      }
      assertThat(signals.entries()).isLessThanOrEqualTo(WorkSignals.MAX_ENTRIES);
    }
  }

  @Test
  void aWaitingPollSurvivesTheRetirementOfIdleEntriesAndIsStillWoken() throws Exception {
    try (WorkSignals signals = new WorkSignals(Clock.systemUTC())) {
      long seen = signals.version("ns", "real");
      CompletableFuture<Void> poll =
          CompletableFuture.runAsync(
              () -> await(signals, "real", seen), r -> Thread.ofVirtual().start(r));
      Awaitility.await().until(() -> signals.waiting() == 1);
      for (int i = 0; i < 2 * WorkSignals.MAX_ENTRIES; i++) {
        signals.version("ns", "made-up-" + i);
      }
      assertThat(poll).isNotDone();
      signals.wake("ns", "real", "f");
      poll.get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A poll that read its version, then found no work, and whose entry was retired before it began
   * to wait: a wake-up in between went nowhere, so its wait must not start.
   */
  @Test
  void aPollWhoseEntryWasRetiredBeforeItWaitedReturnsAtOnce() throws Exception {
    try (WorkSignals signals = new WorkSignals(Clock.systemUTC())) {
      long seen = signals.version("ns", "x");
      for (int i = 0; i < 2 * WorkSignals.MAX_ENTRIES; i++) {
        signals.version("ns", "made-up-" + i);
      }
      signals.wake("ns", "x", "f"); // the work the poll's claim missed commits now
      CompletableFuture<Void> poll =
          CompletableFuture.runAsync(
              () -> await(signals, "x", seen), r -> Thread.ofVirtual().start(r));
      poll.get(10, TimeUnit.SECONDS); // not LONG: it must not wait at all
    }
  }

  private static void await(WorkSignals signals, String agent, long seen) {
    try {
      signals.awaitWork("ns", agent, Set.of(), seen, LONG);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
