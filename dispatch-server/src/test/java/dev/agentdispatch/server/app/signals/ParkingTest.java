package dev.agentdispatch.server.app.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParkingTest {
  private final CountDownLatch parked = new CountDownLatch(1);
  private final AtomicBoolean hungUp = new AtomicBoolean();
  private final Parking parking = new Parking(hungUp::get, p -> parked.countDown(), p -> {});

  @Test
  void aHangUpWhileParkedEndsTheWaitAtOnceAndLeavesNoInterruptBehind() throws Exception {
    AtomicReference<Throwable> ended = new AtomicReference<>();
    AtomicBoolean interruptedAfter = new AtomicBoolean(true);
    Thread t =
        Thread.ofVirtual()
            .start(() -> {
              try {
                Parking.serve(
                    parking,
                    () ->
                        Waiters.await(new CompletableFuture<>(), java.time.Duration.ofMinutes(1)));
              } catch (Throwable e) {
                ended.set(e);
              }
              interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
    assertThat(parked.await(5, TimeUnit.SECONDS)).isTrue();
    parking.hangUp();
    t.join(5_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(ended.get()).isInstanceOf(Parking.CallerGone.class);
    assertThat(interruptedAfter.get()).as("an interrupt left for later work").isFalse();
  }

  @Test
  void aHangUpWhileWorkingEndsTheNextWaitBeforeItStarts() throws Exception {
    parking.hangUp();
    assertThatThrownBy(() ->
            Parking.serve(
                parking,
                () -> Waiters.await(new CompletableFuture<>(), java.time.Duration.ofMinutes(1))))
        .isInstanceOf(Parking.CallerGone.class);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aProbeThatFindsTheCallerGoneEndsTheWaitAndOneThatDoesNotLeavesIt() throws Exception {
    CompletableFuture<Void> change = new CompletableFuture<>();
    AtomicReference<Object> ended = new AtomicReference<>();
    Thread t =
        Thread.ofVirtual()
            .start(() -> {
              try {
                ended.set(
                    Parking.serve(
                        parking, () -> Waiters.await(change, java.time.Duration.ofMinutes(1))));
              } catch (Throwable e) {
                ended.set(e);
              }
            });
    assertThat(parked.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(parking.probe(() -> false)).isTrue();
    Thread.sleep(100);
    assertThat(t.isAlive()).as("still waiting after a probe that found the caller").isTrue();
    assertThat(parking.probe(() -> true)).isTrue();
    t.join(5_000);
    assertThat(ended.get()).isInstanceOf(Parking.CallerGone.class);
    assertThat(parking.probe(() -> true)).as("nothing parked to probe").isFalse();
  }

  @Test
  void withoutARequestAWaitIsAPlainWaitAndCallerGoneIsFalse() {
    assertThat(Parking.callerGone()).isFalse();
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    assertThat(Waiters.await(done, java.time.Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void callerGoneChecksNowOnTheRequestsThread() throws Exception {
    assertThat(Parking.serve(parking, Parking::callerGone)).isFalse();
    hungUp.set(true);
    assertThat(Parking.serve(parking, Parking::callerGone)).isTrue();
    assertThat(parking.gone()).isTrue();
  }
}
