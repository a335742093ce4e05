package dev.agentdispatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The group writer alone, over a batch function that records what it was given. */
class GroupWritesTest {
  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /**
   * Records each batch; every transaction waits for {@link #release} (the first signals it began).
   */
  private <O> GroupWrites.BatchWrite<Integer, O> held(GroupWrites.BatchWrite<Integer, O> write) {
    return items -> {
      batches.add(items);
      started.countDown();
      await(release);
      return write.write(items);
    };
  }

  @Test
  void itemsQueuedWhileATransactionRunsGoInTheNextOneAndEachGetsItsOwnResult() throws Exception {
    try (GroupWrites<Integer, String> writes =
        new GroupWrites<>(
            "test", 1, 100, 1000, held(items -> items.stream().map(i -> "r" + i).toList()))) {
      CompletableFuture<String> first = writes.submit(0);
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<String>> rest = new ArrayList<>();
      for (int i = 1; i <= 250; i++) {
        rest.add(writes.submit(i));
      }
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("r0");
      for (int i = 1; i <= 250; i++) {
        assertThat(rest.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("r" + i);
      }
    }
    // One alone, then the 250 that waited, at most 100 to a transaction.
    assertThat(batches.stream().map(List::size).toList()).containsExactly(1, 100, 100, 50);
  }

  @Test
  void aFailedBatchIsWrittenAgainOneByOneSoOnlyTheBadItemFails() throws Exception {
    try (GroupWrites<Integer, Integer> writes =
        new GroupWrites<>(
            "test",
            1,
            100,
            1000,
            held(items -> {
              if (items.contains(13)) {
                throw new IllegalStateException("13 is refused");
              }
              return items;
            }))) {
      CompletableFuture<Integer> blocker = writes.submit(0);
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      for (int i = 10; i < 20; i++) {
        futures.add(writes.submit(i));
      }
      release.countDown();
      assertThat(blocker.get(5, TimeUnit.SECONDS)).isZero();
      for (int i = 10; i < 20; i++) {
        CompletableFuture<Integer> f = futures.get(i - 10);
        if (i == 13) {
          assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
              .hasMessageContaining("13 is refused");
        } else {
          assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(i);
        }
      }
      // write() throws the item's own failure, not a wrapper.
      assertThatThrownBy(() -> writes.write(13))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("13 is refused");
    }
    assertThat(batches.get(1)).hasSize(10);
    assertThat(batches.stream().filter(b -> b.size() == 1).count()).isGreaterThanOrEqualTo(11);
  }

  @Test
  void pastItsQueueAWriteIsRefusedAtOnceAsOverload() throws Exception {
    try (GroupWrites<Integer, Integer> writes =
        new GroupWrites<>("test thing", 1, 10, 5, held(items -> items))) {
      CompletableFuture<Integer> running = writes.submit(0);
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Integer>> queued = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        queued.add(writes.submit(i));
      }
      assertThatThrownBy(() -> writes.write(6))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class, e -> assertThat(e.overload()).isTrue())
          .hasMessageContaining("test thing");
      release.countDown();
      assertThat(running.get(5, TimeUnit.SECONDS)).isZero();
      for (int i = 1; i <= 5; i++) {
        assertThat(queued.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo(i);
      }
    }
  }

  @Test
  void closingWritesWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
    GroupWrites<Integer, Integer> writes =
        new GroupWrites<>("test", 1, 10, 100, held(items -> items));
    CompletableFuture<Integer> running = writes.submit(1);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Integer> queued = writes.submit(2);
    Thread closer = Thread.ofVirtual().start(writes::close);
    release.countDown();
    closer.join(10_000);
    assertThat(running.get(1, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(queued.get(1, TimeUnit.SECONDS)).isEqualTo(2);
    assertThatThrownBy(() -> writes.write(3))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("closing");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
