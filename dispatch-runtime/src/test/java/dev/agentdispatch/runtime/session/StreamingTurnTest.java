package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.streaming.StreamEvent;
import dev.agentdispatch.runtime.streaming.StreamEventType;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StreamingTurnTest {
  private final ManualClock clock = new ManualClock();
  private final Session session = AgentSession.builder("r", "p").clock(clock).build().session();

  @Test
  void chunksThenFinalWithUsage() {
    List<StreamEvent> out = new ArrayList<>();
    TurnResult<String> r =
        session.runTurnStream(
            ctx -> Stream.of("Hel", "lo"),
            TurnOptions.model("m").withUsage(UsageSnapshot.of(3, 2)),
            out::add);
    assertThat(r.result()).isEqualTo("Hello");
    assertThat(out)
        .extracting(StreamEvent::type)
        .containsExactly(
            StreamEventType.TEXT_DELTA, StreamEventType.TEXT_DELTA, StreamEventType.FINAL);
    assertThat(out.get(2).payload()).containsEntry("status", "completed").containsKey("usage");
    assertThat(out.get(0).toMap()).containsEntry("type", "text_delta");
  }

  @Test
  void upstreamFailureReportsErrorAndFinalThenRethrows() {
    List<StreamEvent> out = new ArrayList<>();
    AtomicBoolean closed = new AtomicBoolean();
    assertThatThrownBy(() ->
            session.runTurnStream(
                ctx ->
                    Stream.<String>generate(
                            () -> {
                              throw new IllegalStateException("socket reset");
                            })
                        .onClose(() -> closed.set(true)),
                TurnOptions.defaults(),
                out::add))
        .isInstanceOf(IllegalStateException.class);
    assertThat(out)
        .extracting(StreamEvent::type)
        .containsExactly(StreamEventType.ERROR, StreamEventType.FINAL);
    assertThat(out.get(1).payload())
        .containsEntry("status", "failed")
        .containsEntry("detail", "IllegalStateException raised");
    assertThat(closed).isTrue();
    assertThat(session.recovery().events()).hasSize(1);
  }

  @Test
  void consumerCancellationStopsWithoutFinal() {
    List<StreamEvent> out = new ArrayList<>();
    assertThatThrownBy(() ->
            session.runTurnStream(
                ctx -> Stream.of("a", "b", "c"),
                TurnOptions.defaults(),
                e -> {
                  out.add(e);
                  if (out.size() == 2) {
                    throw new CancellationException("consumer left");
                  }
                }))
        .isInstanceOf(CancellationException.class);
    assertThat(out).extracting(StreamEvent::type).containsOnly(StreamEventType.TEXT_DELTA);
    assertThat(session.lastStreamCancelled())
        .as("the consumer's cancellation is recorded")
        .isTrue();
    session.runTurnStream(ctx -> Stream.of("x"), TurnOptions.defaults(), e -> {});
    assertThat(session.lastStreamCancelled()).as("reset by the next stream").isFalse();
  }

  @Test
  void streamEventValidation() {
    assertThatThrownBy(() ->
            StreamEvent.finalEvent("done", Optional.empty(), Optional.empty(), clock.wallNow()))
        .hasMessageContaining("final status");
    assertThat(StreamEvent.toolCall("t", java.util.Map.of(), clock.wallNow()).toJson())
        .contains("\"tool_call\"");
  }

  /** A chunk source whose chunks take {@code each} to arrive, as a slow model's would. */
  private static Session.ChunkSource slow(int chunks, Duration each, AtomicBoolean closed) {
    return ctx ->
        Stream.iterate(0, i -> i < chunks, i -> i + 1)
            .map(i -> {
              try {
                Thread.sleep(each.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
              }
              return "c" + i;
            })
            .onClose(() -> closed.set(true));
  }

  /** Runs a stream with a 50 ms timeout, expecting it to time out promptly and as a turn does. */
  private List<StreamEvent> timesOut(Session.ChunkSource source) {
    List<StreamEvent> out = new ArrayList<>();
    long start = System.nanoTime();
    assertThatThrownBy(() ->
            session.runTurnStream(
                source, TurnOptions.defaults().withTimeout(Duration.ofMillis(50)), out::add))
        .isInstanceOf(TurnTimeoutException.class)
        .hasMessage("turn exceeded timeout of 0.050s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    StreamEvent error = out.get(out.size() - 2);
    assertThat(error.type()).isEqualTo(StreamEventType.ERROR);
    assertThat(error.payload())
        .containsEntry("error_type", "timeout")
        .containsEntry("message", "stream exceeded 0.05s");
    assertThat(out.get(out.size() - 1).payload())
        .containsEntry("status", "failed")
        .containsEntry("detail", "timeout");
    // Classified as a timed-out turn is: one llm_timeout recovery attempt.
    assertThat(session.recovery().events()).hasSize(1);
    assertThat(session.recovery().events().get(0).scenario()).isEqualTo("llm_timeout");
    return out;
  }

  @Test
  @Timeout(5) // before the fix a hung upstream blocked for ever
  void theTimeoutBoundsTheWholeStream() {
    AtomicBoolean closed = new AtomicBoolean();
    timesOut(slow(30, Duration.ofMillis(50), closed));
    assertThat(closed).isTrue();
  }

  @Test
  @Timeout(5) // before the fix a hung upstream blocked for ever
  void aHungUpstreamTimesOutBeforeItsFirstChunk() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean closed = new AtomicBoolean();
    List<StreamEvent> out =
        timesOut(ctx ->
            Stream.generate(
                    () -> {
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "late";
                    })
                .limit(1)
                .onClose(() -> closed.set(true)));
    assertThat(out).extracting(StreamEvent::type).doesNotContain(StreamEventType.TEXT_DELTA);
    assertThat(closed).isTrue();
  }

  @Test
  @Timeout(5) // before the fix a hung upstream blocked for ever
  void anUpstreamThatNeverOpensTimesOut() {
    CountDownLatch never = new CountDownLatch(1);
    timesOut(ctx -> {
      never.await();
      return Stream.of("late");
    });
  }

  @Test
  void aStreamWithinItsTimeoutCompletesAsWithout() {
    List<StreamEvent> out = new ArrayList<>();
    AtomicBoolean closed = new AtomicBoolean();
    TurnResult<String> r =
        session.runTurnStream(
            slow(3, Duration.ofMillis(1), closed),
            TurnOptions.model("m")
                .withUsage(UsageSnapshot.of(3, 2))
                .withTimeout(Duration.ofSeconds(5)),
            out::add);
    assertThat(r.result()).isEqualTo("c0c1c2");
    assertThat(out)
        .extracting(StreamEvent::type)
        .containsExactly(
            StreamEventType.TEXT_DELTA,
            StreamEventType.TEXT_DELTA,
            StreamEventType.TEXT_DELTA,
            StreamEventType.FINAL);
    assertThat(closed).isTrue();
    assertThat(session.recovery().events()).isEmpty();
  }

  @Test
  void anUpstreamFailureWithinTheTimeoutIsReportedAsItself() {
    List<StreamEvent> out = new ArrayList<>();
    assertThatThrownBy(() ->
            session.runTurnStream(
                ctx ->
                    Stream.<String>generate(() -> {
                      throw new IllegalStateException("503 service unavailable");
                    }),
                TurnOptions.defaults().withTimeout(Duration.ofSeconds(5)),
                out::add))
        .isInstanceOf(IllegalStateException.class);
    assertThat(out.get(0).payload()).containsEntry("error_type", "IllegalStateException");
    assertThat(session.recovery().events().get(0).scenario()).isEqualTo("provider_failure");
  }

  @Test
  void aFailureClosingTheUpstreamAfterASuccessfulStreamIsADiagnosticNotAFailure() {
    List<StreamEvent> out = new ArrayList<>();
    TurnResult<String> r =
        session.runTurnStream(
            ctx ->
                Stream.of("a", "b")
                    .onClose(() -> {
                      throw new IllegalStateException("connection already closed");
                    }),
            TurnOptions.defaults(),
            out::add);
    assertThat(r.result()).isEqualTo("ab");
    assertThat(out.get(out.size() - 1).payload()).containsEntry("status", "completed");
    AgentEvent diagnostic =
        session.events().stream()
            .filter(e -> e.event().value().equals("agent.failed"))
            .findFirst()
            .orElseThrow();
    assertThat(diagnostic.failureClass()).contains(AgentFailureClass.DEPENDENCY_FAILED);
    assertThat(diagnostic.data().orElseThrow())
        .containsEntry("component", "stream_upstream")
        .containsEntry("error_type", "IllegalStateException");
    assertThat(diagnostic.terminal()).isFalse();
    assertThat(session.recovery().events()).isEmpty();
  }
}
