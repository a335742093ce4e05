package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.streaming.StreamEvent;
import dev.agentdispatch.runtime.streaming.StreamEventType;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
  }

  @Test
  void streamEventValidation() {
    assertThatThrownBy(() ->
            StreamEvent.finalEvent("done", Optional.empty(), Optional.empty(), clock.wallNow()))
        .hasMessageContaining("final status");
    assertThat(StreamEvent.toolCall("t", java.util.Map.of(), clock.wallNow()).toJson())
        .contains("\"tool_call\"");
  }
}
