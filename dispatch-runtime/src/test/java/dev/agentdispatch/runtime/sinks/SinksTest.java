package dev.agentdispatch.runtime.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEvents;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {
  private final ManualClock clock = new ManualClock();
  private final AgentEvents events = new AgentEvents(clock);

  @Test
  void ringBufferDropsTheOldestSilently() {
    RingBufferEventSink sink = new RingBufferEventSink(2);
    sink.emit(events.started("a", "p"));
    sink.emit(events.started("b", "p"));
    sink.emit(events.started("c", "p"));
    assertThat(sink.events()).extracting(e -> e.role().get()).containsExactly("b", "c");
    assertThat(new RingBufferEventSink().capacity()).isEqualTo(1000);
    assertThat(RingBufferEventSink.DEFAULT_RING_CAPACITY).isEqualTo(1000);
    assertThatThrownBy(() -> new RingBufferEventSink(0))
        .hasMessageContaining("capacity must be > 0");
    sink.clear();
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void usageSinksValidateAndStripModel() {
    RingBufferUsageSink sink = new RingBufferUsageSink();
    sink.record("  model-a ", UsageSnapshot.of(1, 2), 0.5);
    assertThat(sink.records().get(0).model()).isEqualTo("model-a");
    assertThatThrownBy(() -> NoopUsageSink.INSTANCE.record(" ", UsageSnapshot.EMPTY, 0))
        .hasMessageContaining("model");
    assertThatThrownBy(() -> NoopUsageSink.INSTANCE.record("m", UsageSnapshot.EMPTY, -1))
        .hasMessageContaining("cost_usd must be >= 0");
    assertThatThrownBy(
            () -> NoopUsageSink.INSTANCE.record("m", UsageSnapshot.EMPTY, Double.POSITIVE_INFINITY))
        .hasMessage("cost_usd must be finite");
  }

  @Test
  void fanoutTriesEverySinkAndRethrowsTheFirstError() {
    RingBufferEventSink ok = new RingBufferEventSink();
    EventSink bad1 =
        e -> {
          throw new IllegalStateException("one");
        };
    EventSink bad2 =
        e -> {
          throw new IllegalArgumentException("two");
        };
    FanoutEventSink fanout = new FanoutEventSink(List.of(bad1, ok, bad2));
    assertThatThrownBy(() -> fanout.emit(events.started("r", "p")))
        .isInstanceOf(IllegalStateException.class)
        .satisfies(t -> assertThat(t.getSuppressed()).hasSize(1));
    assertThat(ok.events()).hasSize(1);
    new FanoutEventSink(List.of(bad1, ok), true).emit(events.started("r", "p"));
    assertThat(ok.events()).hasSize(2);
    assertThatThrownBy(() -> new FanoutEventSink(List.of())).hasMessageContaining("non-empty");
  }

  @Test
  void sqliteEventSinkReplaysInInsertionOrder(@TempDir Path dir) {
    String path = dir.resolve("events.db").toString();
    AgentEvent first = events.started("r", "p").withProject(1);
    AgentEvent second =
        events
            .failed("r", "p", AgentFailureClass.TOOL_ERROR)
            .withDetail("x")
            .withData(Map.of("tool", "t"));
    try (SqliteEventSink sink = new SqliteEventSink(path)) {
      sink.emit(first);
      sink.emit(second);
    }
    try (SqliteEventSink reopened = new SqliteEventSink(path)) {
      assertThat(reopened.replay()).containsExactly(first, second);
      assertThat(reopened.replay(OptionalInt.of(1))).containsExactly(first);
      assertThat(reopened.replay(OptionalInt.of(0))).isEmpty();
    }
  }

  @Test
  void sqliteUsageSinkTotalsAndSchemaVersionCheck(@TempDir Path dir) throws Exception {
    String path = dir.resolve("usage.db").toString();
    try (SqliteUsageSink sink = new SqliteUsageSink(path, clock)) {
      sink.record("m", new UsageSnapshot(10, 5, 2, 1, 1, java.util.Optional.empty()), 0.25);
      sink.record("m", UsageSnapshot.of(1, 1), 0.25);
      assertThat(sink.totals())
          .containsEntry("turns", 2L)
          .containsEntry("total_cost_usd", 0.5)
          .containsEntry("total_input_tokens", 11L)
          .containsEntry("total_cache_write_tokens", 2L)
          .containsEntry("total_tool_calls", 1L);
    }
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + path);
        var s = c.createStatement()) {
      s.execute(
          "UPDATE techrevati_runtime_metadata SET schema_version = 2 WHERE component = 'usage_sink'");
    }
    assertThatThrownBy(() -> new SqliteUsageSink(path))
        .hasMessage("unsupported sqlite schema for usage_sink: version 2, expected 1");
  }

  @Test
  void dispatchServerSinkMapsEventsAndUsage() {
    List<Map.Entry<InvocationEventType, Map<String, Object>>> sent = new ArrayList<>();
    DispatchServerSink sink =
        new DispatchServerSink((type, data) -> sent.add(Map.entry(type, data)));
    sink.emit(events.toolCalled("r", "p", "search"));
    sink.emit(
        events.failed("r", "p", AgentFailureClass.LLM_ERROR).withDetail("RuntimeException raised"));
    sink.emit(events.blocked("r", "p"));
    sink.record("model-a", UsageSnapshot.of(100, 20), 0.001);
    assertThat(sent)
        .extracting(Map.Entry::getKey)
        .containsExactly(
            InvocationEventType.PROGRESS,
            InvocationEventType.LOG,
            InvocationEventType.LOG,
            InvocationEventType.CUSTOM);
    assertThat(sent.get(1).getValue())
        .containsEntry("level", "error")
        .containsEntry("message", "agent.failed: RuntimeException raised");
    assertThat(sent.get(2).getValue()).containsEntry("level", "warn");
    assertThat(sent.get(3).getValue())
        .containsEntry("kind", "llm_usage")
        .containsEntry("model", "model-a")
        .containsEntry("input_tokens", 100L)
        .containsEntry("cost_usd", 0.001);
    assertThat(InvocationEventType.PROGRESS.value()).isEqualTo("progress");
  }
}
