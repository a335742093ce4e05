package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.invocation.MessageKind;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.Overlap;
import dev.agentdispatch.store.event.EventRecord;
import dev.agentdispatch.store.event.PublishOutcome;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.invocation.InvocationQuery;
import dev.agentdispatch.store.schedule.ScheduleFire;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event and schedule contract every {@link Store} passes. */
public abstract class EventScheduleContractTest {
  protected static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  protected static final String NS = "default";
  protected Store store;

  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static InvocationSpec spec(
      String id, String function, Message message, Optional<String> idempotencyKey) {
    return new InvocationSpec(
        id,
        NS,
        "agent",
        function,
        "{\"n\":1}",
        5,
        RetryPolicy.DEFAULT,
        Duration.ofSeconds(60),
        Optional.empty(),
        idempotencyKey,
        idempotencyKey.map(k -> "h"),
        "trace",
        Optional.of("parent"),
        Optional.empty(),
        Optional.empty(),
        message,
        NOW);
  }

  private static EventRecord event(
      String id, List<String> invocationIds, Optional<String> key, String hash) {
    return new EventRecord(
        id,
        NS,
        "orders.created",
        "{\"n\":1}",
        Optional.of("shop"),
        "trace",
        Optional.of("parent"),
        key,
        key.map(k -> hash),
        invocationIds,
        NOW);
  }

  @Test
  void publishStoresTheEventAndItsFanOutTogether() {
    String eventId = Ids.uuid7();
    List<InvocationSpec> specs = new ArrayList<>();
    for (String fn : List.of("a", "b", "c")) {
      specs.add(
          spec(
              Ids.uuid7(),
              fn,
              Message.topic("orders.created", eventId, Optional.of("shop")),
              Optional.empty()));
    }
    List<String> ids = specs.stream().map(InvocationSpec::id).toList();
    PublishOutcome out =
        store.events().publish(event(eventId, ids, Optional.empty(), ""), specs, NOW);
    assertThat(out).isInstanceOf(PublishOutcome.Published.class);
    assertThat(store.events().find(NS, eventId))
        .get()
        .extracting(EventRecord::invocationIds)
        .isEqualTo(ids);
    Invocation first = store.invocations().find(NS, ids.get(0)).orElseThrow();
    assertThat(first.spec().message().kind()).isEqualTo(MessageKind.TOPIC);
    assertThat(first.spec().message().eventId()).contains(eventId);
    assertThat(first.spec().message().senderId()).contains("shop");
    assertThat(store.events().list(NS, Optional.of("orders.created"), 10)).hasSize(1);
    assertThat(store.events().list(NS, Optional.of("other"), 10)).isEmpty();
    assertThat(store.events().byTrace(NS, "trace", 10)).hasSize(1);
  }

  @Test
  void aFailingFanOutStoresNothing() {
    String taken = Ids.uuid7();
    store.invocations().create(spec(taken, "a", Message.FUNCTION, Optional.empty()), NOW, NOW);
    String eventId = Ids.uuid7();
    List<InvocationSpec> specs =
        List.of(
            spec(
                Ids.uuid7(),
                "a",
                Message.topic("orders.created", eventId, Optional.empty()),
                Optional.empty()),
            spec(
                taken,
                "b",
                Message.topic("orders.created", eventId, Optional.empty()),
                Optional.empty()));
    assertThatThrownBy(() ->
            store.events().publish(event(eventId, List.of(), Optional.empty(), ""), specs, NOW))
        .isInstanceOf(RuntimeException.class);
    assertThat(store.events().find(NS, eventId)).isEmpty();
    assertThat(store.invocations().find(NS, specs.get(0).id())).isEmpty();
  }

  @Test
  void aRepeatedPublishWithTheSameKeyReturnsTheFirst() {
    PublishOutcome first =
        store
            .events()
            .publish(event(Ids.uuid7(), List.of(), Optional.of("k"), "h1"), List.of(), NOW);
    PublishOutcome again =
        store
            .events()
            .publish(event(Ids.uuid7(), List.of(), Optional.of("k"), "h1"), List.of(), NOW);
    PublishOutcome other =
        store
            .events()
            .publish(event(Ids.uuid7(), List.of(), Optional.of("k"), "h2"), List.of(), NOW);
    assertThat(again).isInstanceOf(PublishOutcome.Deduplicated.class);
    assertThat(again.event().id()).isEqualTo(first.event().id());
    assertThat(other).isInstanceOf(PublishOutcome.IdempotencyConflict.class);
    assertThat(store.events().list(NS, Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void retentionPrunesOnlyOldEvents() {
    store.events().publish(event(Ids.uuid7(), List.of(), Optional.empty(), ""), List.of(), NOW);
    assertThat(store.events().pruneBefore(NOW, 100)).isZero();
    assertThat(store.events().pruneBefore(NOW.plusSeconds(1), 100)).isEqualTo(1);
    assertThat(store.events().list(NS, Optional.empty(), 10)).isEmpty();
  }

  private static ScheduleRecord schedule(String name, boolean declared, Instant next) {
    return new ScheduleRecord(
        Ids.uuid7(),
        NS,
        name,
        "agent",
        "tick",
        "* * * * *",
        "UTC",
        "{}",
        false,
        Overlap.SKIP,
        Catchup.ONE,
        declared,
        Optional.of(next),
        Optional.empty(),
        Optional.empty(),
        NOW,
        NOW);
  }

  private InvocationSpec fireSpec(ScheduleRecord s, Instant fireTime) {
    return spec(
        Ids.uuid7(),
        s.function(),
        Message.schedule(s.name()),
        Optional.of("schedule:" + s.id() + ":" + fireTime.toEpochMilli()));
  }

  @Test
  void schedulesHaveUniqueNamesAndAreFoundDueInOrder() {
    ScheduleRecord late = store.schedules().insert(schedule("late", false, NOW.plusSeconds(30)));
    ScheduleRecord soon = store.schedules().insert(schedule("soon", false, NOW.minusSeconds(1)));
    assertThatThrownBy(() -> store.schedules().insert(schedule("soon", false, NOW)))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.kind()).isEqualTo(ConflictException.Kind.NAME_TAKEN));
    assertThat(store.schedules().due(NOW, 10))
        .extracting(ScheduleRecord::id)
        .containsExactly(soon.id());
    assertThat(store.schedules().due(NOW.plusSeconds(60), 10))
        .extracting(ScheduleRecord::id)
        .containsExactly(soon.id(), late.id());
    store
        .schedules()
        .update(
            NS,
            soon.id(),
            s ->
                new ScheduleRecord(
                    s.id(),
                    NS,
                    s.name(),
                    s.agent(),
                    s.function(),
                    s.cron(),
                    s.timezone(),
                    s.payloadJson(),
                    true,
                    s.overlap(),
                    s.catchup(),
                    false,
                    s.nextFireAt(),
                    s.lastFireAt(),
                    s.lastInvocationId(),
                    s.createdAt(),
                    NOW));
    assertThat(store.schedules().due(NOW, 10)).isEmpty();
    assertThat(store.schedules().delete(NS, late.id())).isTrue();
    assertThat(store.schedules().list(NS, Optional.empty()))
        .extracting(ScheduleRecord::name)
        .containsExactly("soon");
  }

  @Test
  void aFireCreatesOneInvocationAndMovesOnAndAStaleOneDoesNothing() {
    ScheduleRecord s = store.schedules().insert(schedule("tick", false, NOW));
    ScheduleFire fire =
        new ScheduleFire(
            NS,
            s.id(),
            NOW,
            Optional.of(fireSpec(s, NOW)),
            Optional.of(NOW),
            Optional.of(NOW.plusSeconds(60)));
    assertThat(store.schedules().fire(fire, NOW)).isTrue();
    assertThat(store.schedules().fire(fire, NOW)).as("no longer due at NOW").isFalse();
    ScheduleRecord after = store.schedules().find(NS, s.id()).orElseThrow();
    assertThat(after.nextFireAt()).contains(NOW.plusSeconds(60));
    assertThat(after.lastFireAt()).contains(NOW);
    String invocationId = after.lastInvocationId().orElseThrow();
    assertThat(
            store
                .invocations()
                .find(NS, invocationId)
                .orElseThrow()
                .spec()
                .message()
                .scheduleName())
        .contains("tick");
    assertThat(store.schedules().running(NS, invocationId)).isTrue();
    assertThat(store.invocations().count(NS, InvocationStatus.PENDING)).isEqualTo(1);
  }

  @Test
  void theSameFireTimeNeverCreatesTwoInvocations() {
    ScheduleRecord s = store.schedules().insert(schedule("tick", false, NOW));
    // Someone already fired NOW (say, before a crash that lost the schedule update): the key
    // dedupes it.
    store.invocations().create(fireSpec(s, NOW), NOW, NOW);
    ScheduleFire fire =
        new ScheduleFire(
            NS,
            s.id(),
            NOW,
            Optional.of(fireSpec(s, NOW)),
            Optional.of(NOW),
            Optional.of(NOW.plusSeconds(60)));
    assertThat(store.schedules().fire(fire, NOW)).isTrue();
    InvocationQuery all = InvocationQuery.all(NS);
    assertThat(store.invocations().list(all).items()).hasSize(1);
  }

  @Test
  void declaredSchedulesFollowTheAgentsRegistration() {
    ScheduleRecord kept = schedule("agent.tick", true, NOW);
    ScheduleRecord dropped = schedule("agent.tock", true, NOW);
    store.schedules().syncDeclared(NS, "agent", List.of(kept, dropped));
    ScheduleRecord api = store.schedules().insert(schedule("by-api", false, NOW));
    ScheduleRecord changed =
        new ScheduleRecord(
            Ids.uuid7(),
            NS,
            "agent.tick",
            "agent",
            "tick",
            "*/5 * * * *",
            "UTC",
            "{}",
            false,
            Overlap.SKIP,
            Catchup.ONE,
            true,
            Optional.of(NOW.plusSeconds(300)),
            Optional.empty(),
            Optional.empty(),
            NOW,
            NOW);
    store.schedules().syncDeclared(NS, "agent", List.of(changed));
    List<ScheduleRecord> all = store.schedules().list(NS, Optional.of("agent"));
    assertThat(all).extracting(ScheduleRecord::name).containsExactly("agent.tick", "by-api");
    ScheduleRecord tick = all.get(0);
    assertThat(tick.id()).as("same schedule, updated").isEqualTo(kept.id());
    assertThat(tick.cron()).isEqualTo("*/5 * * * *");
    assertThat(store.schedules().find(NS, api.id())).isPresent();
  }
}
