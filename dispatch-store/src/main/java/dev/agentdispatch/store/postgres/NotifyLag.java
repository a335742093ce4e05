package dev.agentdispatch.store.postgres;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long a NOTIFY takes from our send (its transaction's statements and commit) to its
 * delivery back to this node's own LISTEN connection: the lag every other node sees too, without
 * putting timestamps into the payloads (which nodes of an older version could not parse).
 */
final class NotifyLag {
  /** Bounds the memory of notes whose delivery was never seen (e.g. while LISTEN reconnects). */
  private static final int MAX_PENDING = 10_000;

  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Timer lag;

  NotifyLag(MeterRegistry meters) {
    this.lag =
        Timer.builder("dispatch.pg.notify.lag")
            .description("From sending a NOTIFY until this node's own listener receives it")
            .serviceLevelObjectives(
                Duration.ofMillis(1),
                Duration.ofMillis(5),
                Duration.ofMillis(25),
                Duration.ofMillis(100),
                Duration.ofMillis(500))
            .register(meters);
  }

  /** Called just before the notification is sent. */
  void sent(String channel, String payload) {
    if (sentAt.size() >= MAX_PENDING) {
      sentAt.clear();
    }
    sentAt.putIfAbsent(channel + '\n' + payload, System.nanoTime());
  }

  /** Called for every notification received; records the lag of those this node sent. */
  void received(String channel, String payload) {
    Long sent = sentAt.remove(channel + '\n' + payload);
    if (sent != null) {
      lag.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
    }
  }
}
