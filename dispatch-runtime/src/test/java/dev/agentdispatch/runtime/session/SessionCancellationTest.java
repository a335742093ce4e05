package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEventStatus;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.lifecycle.AgentStatus;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancellation (issue 20, defect 3): cancelling an async turn stops it and cancels the session with
 * one cancelled event; an interrupted sync run ends CANCELLED, worker and event agreeing.
 */
@Timeout(10)
class SessionCancellationTest {
  private final ManualClock clock = new ManualClock();
  private final RingBufferEventSink events = new RingBufferEventSink();
  private final AgentSession agent =
      AgentSession.builder("writer", "draft").clock(clock).eventSink(events).build();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  @AfterEach
  void shutdown() {
    executor.shutdownNow();
  }

  /** A model call that runs until it is interrupted, and says so. */
  private String hang(TurnContext ctx) throws InterruptedException {
    started.countDown();
    try {
      Thread.sleep(60_000);
      return "late";
    } finally {
      stopped.countDown();
    }
  }

  private void assertCancelledOnce(Session session) {
    assertThat(session.worker().status()).isEqualTo(AgentStatus.CANCELLED);
    List<AgentEvent> ends =
        events.events().stream()
            .filter(e -> e.terminal() || e.event().value().equals("agent.completed"))
            .toList();
    assertThat(ends).hasSize(1);
    assertThat(ends.get(0).status()).isEqualTo(AgentEventStatus.CANCELLED);
    assertThat(ends.get(0).failureClass()).contains(AgentFailureClass.CANCELLED);
  }

  private void cancelsTheRunningTurn(TurnOptions options) throws Exception {
    AsyncSession async = agent.asyncSession(Optional.empty(), executor);
    CompletableFuture<TurnResult<String>> turn = async.runTurn(this::hang, options);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(turn.cancel(true)).isTrue();

    assertThat(stopped.await(5, TimeUnit.SECONDS)).as("the call was interrupted").isTrue();
    assertThatThrownBy(turn::join).isInstanceOf(CancellationException.class);
    async.close(); // a cancelled session stays cancelled
    assertCancelledOnce(async.session());
    // A cancellation is not a failure to recover from.
    assertThat(async.session().recovery().events()).isEmpty();
  }

  @Test
  void cancellingAnAsyncTurnStopsItAndCancelsTheSession() throws Exception {
    cancelsTheRunningTurn(TurnOptions.defaults());
  }

  @Test
  void cancellingAnAsyncTurnWithATimeoutStopsTheTimedCall() throws Exception {
    cancelsTheRunningTurn(TurnOptions.defaults().withTimeout(Duration.ofSeconds(30)));
  }

  @Test
  void cancellingAnAsyncToolStopsItAndCancelsTheSession() throws Exception {
    AsyncSession async = agent.asyncSession(Optional.empty(), executor);
    CompletableFuture<String> tool = async.runTool("search", hooks -> hang(null));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(tool.cancel(true)).isTrue();

    assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
    async.close();
    assertCancelledOnce(async.session());
    // The interrupted tool did not fail: no tool_error warning besides the cancellation.
    executor.shutdown(); // the tool's thread reports after it was interrupted: let it finish
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(events.events())
        .noneMatch(e -> e.failureClass().equals(Optional.of(AgentFailureClass.TOOL_ERROR)));
  }

  @Test
  void aFinishedTurnCannotBeCancelled() throws Exception {
    AsyncSession async = agent.asyncSession(Optional.empty(), executor);
    CompletableFuture<TurnResult<String>> turn = async.runTurn(ctx -> "ok", TurnOptions.defaults());
    assertThat(turn.get().result()).isEqualTo("ok");
    assertThat(turn.cancel(true)).isFalse();
    async.close();
    assertThat(async.session().worker().status()).isEqualTo(AgentStatus.COMPLETED);
  }

  @Test
  void anInterruptedSyncRunIsCancelledInTheWorkerAndTheEvent() throws Exception {
    AtomicReference<Session> opened = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner =
        new Thread(() -> {
          try {
            agent.run(session -> {
              opened.set(session);
              return session.runTurn(this::hang).result();
            });
          } catch (Throwable e) {
            thrown.set(e);
          }
        });
    runner.start();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    runner.interrupt();
    runner.join(5_000);

    assertThat(thrown.get()).hasCauseInstanceOf(InterruptedException.class);
    assertCancelledOnce(opened.get());
    assertThat(opened.get().recovery().events()).isEmpty();
  }
}
