package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.store.StoreContractTest;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.facade.Store;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server, plus what only PostgreSQL does (NOTIFY,
 * leadership).
 */
class PostgresStoreTest extends StoreContractTest {
  private final PgFreshStores fresh = new PgFreshStores();

  @Override
  protected Store openStore() {
    return fresh.open();
  }

  @AfterEach
  void dropSchemas() {
    store = fresh.closeAndDrop(store);
  }

  @Test
  void anotherNodeHearsAboutNewWorkAndEndedInvocations() {
    List<StoreEvent> heard = new CopyOnWriteArrayList<>();
    try (Store other = fresh.openAnotherNode()) {
      other.addListener(heard::add);
      var inv = create("fn", 5);
      invocations.cancel(NS, inv.id(), false, NOW);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() ->
              assertThat(heard)
                  .contains(
                      new StoreEvent.WorkAvailable(NS, "agent", "fn", NOW),
                      new StoreEvent.InvocationChanged(NS, inv.id(), true)));
    }
  }

  @Test
  void exactlyOneNodeLeadsAndAnotherTakesOverWhenItGoes() {
    Store second = fresh.openAnotherNode();
    try {
      boolean firstLeads = store.leadership().isLeader();
      boolean secondLeads = second.leadership().isLeader();
      assertThat(firstLeads ^ secondLeads).as("exactly one leader").isTrue();
      Store leader = firstLeads ? store : second;
      Store follower = firstLeads ? second : store;
      leader.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> follower.leadership().isLeader());
      if (leader == store) {
        store = fresh.openAnotherNode(); // so @AfterEach has an open store to close
      } else {
        second = null;
      }
    } finally {
      if (second != null) {
        second.close();
      }
    }
  }
}
