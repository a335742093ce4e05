package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.store.LostRaceException;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.invocation.CreateOutcome;
import dev.agentdispatch.store.invocation.InvocationQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single creates of concurrent callers share transactions on PostgreSQL (group commit): each caller
 * still gets its own outcome, a failing create fails alone, and idempotency holds within a group.
 */
class PostgresGroupCreatesTest {
  private static final String NS = "grouped";
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private final PgFreshStores fresh = new PgFreshStores();
  private Store store;

  @BeforeEach
  void open() {
    store = fresh.open();
  }

  @AfterEach
  void close() {
    store = fresh.closeAndDrop(store);
  }

  private static InvocationSpec spec(String id, Optional<String> key) {
    return InvocationSpec.builder(id, NS, "agent", "fn")
        .payloadJson("{\"n\":1}")
        .traceId(Ids.uuid7())
        .createdAt(NOW)
        .idempotencyKey(key)
        .requestHash(key.map(k -> "hash"))
        .build();
  }

  /** Runs every create at once, each on its own thread; returns each outcome or its failure. */
  private List<Object> concurrently(List<InvocationSpec> specs) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (InvocationSpec s : specs) {
        futures.add(
            threads.submit(() -> {
              go.await();
              try {
                return store.invocations().create(s, NOW, NOW);
              } catch (RuntimeException e) {
                return e;
              }
            }));
      }
      go.countDown();
    }
    List<Object> out = new ArrayList<>();
    for (Future<Object> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  @Test
  void concurrentCreatesAreEachStoredWithTheirCreatedEntry() throws Exception {
    List<InvocationSpec> specs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      specs.add(spec(Ids.uuid7(), Optional.empty()));
    }
    List<Object> outcomes = concurrently(specs);
    for (int i = 0; i < specs.size(); i++) {
      assertThat(outcomes.get(i))
          .isInstanceOfSatisfying(
              CreateOutcome.Created.class, c -> assertThat(c.invocation().id()).isNotNull());
    }
    assertThat(
            outcomes.stream()
                .map(o -> ((CreateOutcome.Created) o).invocation().id())
                .distinct()
                .toList())
        .containsExactlyInAnyOrderElementsOf(specs.stream().map(InvocationSpec::id).toList());
    assertThat(store.invocations().count(InvocationQuery.all(NS))).isEqualTo(300);
    for (InvocationSpec s : List.of(specs.getFirst(), specs.get(150), specs.getLast())) {
      assertThat(store.invocations().events(NS, s.id(), 0, 10))
          .singleElement()
          .satisfies(e -> assertThat(e.type()).isEqualTo("status"));
    }
  }

  @Test
  void aCreateThatFailsFailsAloneAndTheOthersOfItsGroupAreStored() throws Exception {
    InvocationSpec first = spec(Ids.uuid7(), Optional.empty());
    assertThat(store.invocations().create(first, NOW, NOW))
        .isInstanceOf(CreateOutcome.Created.class);
    List<InvocationSpec> specs = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      specs.add(spec(Ids.uuid7(), Optional.empty()));
    }
    // The same id again: its insert fails, which fails the transaction of its whole group.
    InvocationSpec again = spec(first.id(), Optional.empty());
    specs.add(50, again);
    List<Object> outcomes = concurrently(specs);
    assertThat(outcomes.get(50)).isInstanceOf(LostRaceException.class);
    for (int i = 0; i < specs.size(); i++) {
      if (i != 50) {
        assertThat(outcomes.get(i)).isInstanceOf(CreateOutcome.Created.class);
      }
    }
    assertThat(store.invocations().count(InvocationQuery.all(NS))).isEqualTo(100);
  }

  @Test
  void oneIdempotencyKeySentByManyAtOnceCreatesOneInvocation() throws Exception {
    List<InvocationSpec> specs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      specs.add(spec(Ids.uuid7(), Optional.of("once")));
      specs.add(spec(Ids.uuid7(), Optional.empty()));
    }
    List<Object> outcomes = concurrently(specs);
    List<String> created = new ArrayList<>();
    List<String> deduplicated = new ArrayList<>();
    for (int i = 0; i < specs.size(); i += 2) {
      switch (outcomes.get(i)) {
        case CreateOutcome.Created c -> created.add(c.invocation().id());
        case CreateOutcome.Deduplicated d -> deduplicated.add(d.invocation().id());
        default -> throw new AssertionError("unexpected " + outcomes.get(i));
      }
    }
    assertThat(created).hasSize(1);
    assertThat(deduplicated).hasSize(39).containsOnly(created.getFirst());
    assertThat(store.invocations().count(InvocationQuery.all(NS))).isEqualTo(41);
  }
}
