package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatcherTest {
  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private Batcher<Integer> batcher;

  @AfterEach
  void close() throws InterruptedException {
    if (batcher != null) {
      batcher.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void itemsArrivingWithinTheLingerShareOneBatch() {
    batcher = new Batcher<>("test-batcher", 100, 100, Duration.ofMillis(500), batches::add);
    batcher.start();

    batcher.offer(1);
    batcher.offer(2);
    batcher.offer(3);

    await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
    assertThat(batches).containsExactly(List.of(1, 2, 3));
  }

  @Test
  void itemsQueuedWhileTheSinkIsBusyGoOutTogetherUpToTheMaximum() throws InterruptedException {
    CountDownLatch firstSeen = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    batcher =
        new Batcher<>(
            "test-batcher",
            100,
            3,
            Duration.ZERO,
            batch -> {
              batches.add(batch);
              firstSeen.countDown();
              awaitQuietly(release);
            });
    batcher.start();

    batcher.offer(0);
    assertThat(firstSeen.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 5; i++) {
      batcher.offer(i);
    }
    release.countDown();

    await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 3);
    assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5));
  }

  @Test
  void closeSendsWhatIsQueuedAndRefusesMore() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    batcher =
        new Batcher<>(
            "test-batcher",
            100,
            100,
            Duration.ZERO,
            batch -> {
              awaitQuietly(release);
              batches.add(batch);
            });
    batcher.start();
    batcher.offer(1);
    batcher.offer(2);
    release.countDown();

    assertThat(batcher.close(Duration.ofSeconds(5))).isTrue();

    assertThat(batches.stream().flatMap(List::stream)).containsExactly(1, 2);
    assertThat(batcher.offer(3)).isFalse();
  }

  @Test
  void aFailingSinkDoesNotStopTheThread() {
    batcher =
        new Batcher<>(
            "test-batcher",
            100,
            1,
            Duration.ZERO,
            batch -> {
              if (batch.contains(1)) {
                throw new IllegalStateException("server down");
              }
              batches.add(batch);
            });
    batcher.start();

    batcher.offer(1);
    batcher.offer(2);

    await().atMost(Duration.ofSeconds(5)).until(() -> batches.contains(List.of(2)));
  }

  @Test
  void fullQueueRefusesItems() {
    batcher = new Batcher<>("test-batcher", 2, 10, Duration.ZERO, batches::add);

    assertThat(batcher.offer(1)).isTrue();
    assertThat(batcher.offer(2)).isTrue();
    assertThat(batcher.offer(3)).isFalse();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
