package dev.agentdispatch.server.metrics;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts what happens to invocations, from the store's own record of every creation and state
 * change on this node (so a door, a loop or a push all count alike, and nothing is counted twice in
 * a cluster). Labels are names, never ids: namespace, agent, function, and a status or outcome.
 */
final class InvocationMeters implements StoreListener {
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(30),
    Duration.ofMinutes(5)
  };

  private final MeterRegistry registry;

  InvocationMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(StoreEvent event) {
    switch (event) {
      case StoreEvent.InvocationCreated c ->
          counter("dispatch.invocations.accepted", work(c.invocation()));
      case StoreEvent.InvocationTransitioned t -> transitioned(t.transition(), t.at());
      default -> {}
    }
  }

  private void transitioned(Transition t, Instant at) {
    Invocation after = t.after();
    Tags work = work(after);
    counter("dispatch.invocation.transitions", work.and("event", t.event()));
    t.attemptEnded()
        .ifPresent(
            a -> counter("dispatch.attempts.ended", agent(after).and("outcome", a.outcome())));
    switch (t.event()) {
      case "attempt_started" -> {
        counter("dispatch.invocations.started", work);
        latency("dispatch.dispatch.latency", "From claimable to leased", agent(after))
            .record(positive(t.before().state().availableAt(), at));
      }
      case "retry_scheduled" -> counter("dispatch.invocations.retried", work);
      default -> {}
    }
    if (t.attemptEnded().map(a -> a.outcome().equals("lease_expired")).orElse(false)) {
      counter("dispatch.lease.expirations", agent(after));
    }
    if (after.state().deadLettered() && !t.before().state().deadLettered()) {
      counter("dispatch.invocations.dead.lettered", work);
    }
    if (t.becameTerminal()) {
      InvocationStatus status = after.status();
      counter("dispatch.invocations.finished", work.and("status", status.wire()));
      latency(
              "dispatch.completion.latency",
              "From accepted to finished",
              agent(after).and("status", status.wire()))
          .record(positive(after.spec().createdAt(), at));
    }
  }

  private void counter(String name, Tags tags) {
    Counter.builder(name).tags(tags).register(registry).increment();
  }

  private Timer latency(String name, String description, Tags tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  private static Duration positive(Instant from, Instant to) {
    return from.isBefore(to) ? Duration.between(from, to) : Duration.ZERO;
  }

  private static Tags agent(Invocation inv) {
    return Tags.of("namespace", inv.spec().namespace(), "agent", inv.spec().agent());
  }

  private static Tags work(Invocation inv) {
    return agent(inv).and("function", inv.spec().function());
  }
}
