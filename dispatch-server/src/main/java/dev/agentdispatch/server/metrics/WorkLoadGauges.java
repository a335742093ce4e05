package dev.agentdispatch.server.metrics;

import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.flow.WorkLoad;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue depth, oldest pending age, running and key-blocked counts per agent and lane, read from the
 * store (so every node reports the whole cluster's numbers: aggregate them with {@code max}, not
 * {@code sum}). Read at most once per {@code maxAge}, when scraped, never per request.
 */
final class WorkLoadGauges {
  private static final Logger log = LoggerFactory.getLogger(WorkLoadGauges.class);

  private final FlowStore store;
  private final Clock clock;
  private final Duration maxAge;
  private final MultiGauge depth;
  private final MultiGauge oldest;
  private final MultiGauge running;
  private final MultiGauge keyBlocked;
  private Instant readAt = Instant.EPOCH;

  WorkLoadGauges(MeterRegistry registry, FlowStore store, Clock clock, Duration maxAge) {
    this.store = store;
    this.clock = clock;
    this.maxAge = maxAge;
    this.depth =
        MultiGauge.builder("dispatch.queue.depth")
            .description("Pending invocations (due or not) per agent and lane")
            .register(registry);
    this.oldest =
        MultiGauge.builder("dispatch.queue.oldest.age")
            .description("How long the oldest due pending invocation has waited to be leased")
            .baseUnit("seconds")
            .register(registry);
    this.running =
        MultiGauge.builder("dispatch.running")
            .description("Invocations leased now per agent and lane")
            .register(registry);
    this.keyBlocked =
        MultiGauge.builder("dispatch.key.blocked")
            .description("Pending invocations held back by their concurrency key's limit")
            .register(registry);
  }

  /** Re-reads the store when the last reading is older than {@code maxAge}. */
  synchronized void refresh() {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(maxAge) < 0) {
      return;
    }
    readAt = now;
    try {
      List<WorkLoad> load = store.workLoad();
      register(depth, load, WorkLoad::pending);
      register(running, load, WorkLoad::running);
      register(keyBlocked, load, WorkLoad::keyBlocked);
      register(
          oldest,
          load,
          w ->
              w.oldestPending()
                  .filter(at -> at.isBefore(now))
                  .map(at -> Duration.between(at, now).toMillis() / 1000.0)
                  .orElse(0.0));
    } catch (RuntimeException e) {
      // A scrape must answer even while the database is away; the gauges keep their last values.
      log.warn("reading the work load for metrics failed: {}", e.getMessage());
    }
  }

  private static void register(
      MultiGauge gauge, List<WorkLoad> load, ToDoubleFunction<WorkLoad> f) {
    gauge.register(
        load.stream()
            .map(w ->
                MultiGauge.Row.of(
                    Tags.of("namespace", w.namespace(), "agent", w.agent(), "lane", w.lane()),
                    f.applyAsDouble(w)))
            .toList(),
        true);
  }
}
