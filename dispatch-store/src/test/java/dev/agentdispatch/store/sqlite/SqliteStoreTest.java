package dev.agentdispatch.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.store.StoreContractTest;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("contract.db"));
  }

  @Test
  void committedWritesSurviveReopening() {
    var inv = create("fn", 5);
    store.close();
    store = SqliteStore.open(dir.resolve("contract.db"));
    assertThat(store.invocations().find(NS, inv.id()))
        .get()
        .extracting(i -> i.status())
        .isEqualTo(InvocationStatus.PENDING);
  }

  @Test
  void aFailingWriteInABatchRollsBackAloneAndOthersCommit() {
    var first =
        store.invocations().create(spec("agent", "fn", 5, Optional.of("dup"), "{}"), NOW, NOW);
    // The same id again violates the primary key; the failure must not take the other writes with
    // it.
    var dupSpec = first.invocation().spec();
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            store
                .invocations()
                .create(
                    new dev.agentdispatch.core.invocation.InvocationSpec(
                        dupSpec.id(),
                        NS,
                        "agent",
                        "fn",
                        "{}",
                        5,
                        dupSpec.retry(),
                        dupSpec.timeout(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        "t",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        dupSpec.message(),
                        NOW),
                    NOW,
                    NOW))
        .isInstanceOf(RuntimeException.class);
    var other = create("fn", 5);
    assertThat(store.invocations().find(NS, other.id())).isPresent();
    assertThat(store.invocations().count(NS, InvocationStatus.PENDING)).isEqualTo(2);
  }
}
