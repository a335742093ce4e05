package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.runtime.checkpoint.Checkpoint;
import dev.agentdispatch.runtime.checkpoint.InMemorySaver;
import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints and idempotent replay of typed results (issue 20, defect 4): a replayed turn returns
 * the caller's type, and a result that is not really JSON is not stored at all.
 */
class SessionCheckpointTest {
  private final ManualClock clock = new ManualClock();
  private final InMemorySaver saver = new InMemorySaver(clock);
  private final AgentSession agent =
      AgentSession.builder("writer", "draft").clock(clock).saver(saver).build();
  private final AtomicInteger calls = new AtomicInteger();

  /** A record answer, as a structured-output model client returns it. */
  record Answer(String text, int score) {}

  /** A classic bean. */
  public static final class Draft {
    private String title;
    private List<String> lines;

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public List<String> getLines() {
      return lines;
    }

    public void setLines(List<String> lines) {
      this.lines = lines;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Draft d && Objects.equals(title, d.title) && lines.equals(d.lines);
    }

    @Override
    public int hashCode() {
      return Objects.hash(title, lines);
    }
  }

  /** Holds a live resource: nothing of it is JSON. */
  static final class Connection {
    private final Thread owner = Thread.currentThread();

    @Override
    public String toString() {
      return "connection of " + owner.getName();
    }
  }

  /** Runs the same keyed turn in a first session and again in a second one, on one thread id. */
  private <T> T twice(TurnCall<T> fn, TurnOptions options) {
    TurnOptions keyed = options.withIdempotencyKey("k1").withUsage(UsageSnapshot.of(5, 7));
    TurnCall<T> counted =
        ctx -> {
          calls.incrementAndGet();
          return fn.call(ctx);
        };
    T first = agent.run("thread-1", s -> s.runTurn(counted, keyed).result());
    T again = agent.run("thread-1", s -> s.runTurn(counted, keyed).result());
    assertThat(again).isEqualTo(first);
    return again;
  }

  @Test
  void aRecordResultReplaysAsTheRecord() {
    Answer replayed = twice(ctx -> new Answer("forty-two", 42), TurnOptions.model("m"));
    assertThat(replayed).isInstanceOf(Answer.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aBeanResultReplaysAsTheBean() {
    Draft draft = new Draft();
    draft.setTitle("intro");
    draft.setLines(List.of("a", "b"));
    Draft replayed = twice(ctx -> draft, TurnOptions.defaults());
    assertThat(replayed.getLines()).containsExactly("a", "b");
    assertThat(calls).hasValue(1);
  }

  @Test
  void scalarsReplayAsTheirOwnType() {
    Long tokens = twice(ctx -> 7L, TurnOptions.defaults());
    assertThat(tokens).isEqualTo(7L);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aGenericResultReplaysAsTheTypeTheCallerNames() {
    Type listOfAnswers =
        new ParameterizedType() {
          @Override
          public Type[] getActualTypeArguments() {
            return new Type[] {Answer.class};
          }

          @Override
          public Type getRawType() {
            return List.class;
          }

          @Override
          public Type getOwnerType() {
            return null;
          }
        };
    List<Answer> replayed =
        twice(
            ctx -> List.of(new Answer("a", 1), new Answer("b", 2)),
            TurnOptions.defaults().withResultType(listOfAnswers));
    assertThat(replayed.get(1)).isEqualTo(new Answer("b", 2));
  }

  @Test
  void jsonValuesStillReplayAsJson() {
    Map<String, Object> replayed = twice(ctx -> Map.of("k", List.of(1, 2)), TurnOptions.defaults());
    assertThat(replayed).containsEntry("k", List.of(1, 2));
    assertThat(twiceOnAnotherKey()).isEqualTo("plain");
  }

  private String twiceOnAnotherKey() {
    TurnOptions keyed = TurnOptions.defaults().withIdempotencyKey("k2");
    agent.run("thread-1", s -> s.runTurn(ctx -> "plain", keyed).result());
    return agent.run(
        "thread-1",
        s ->
            s.<String>runTurn(
                    ctx -> {
                      throw new AssertionError("replayed, not called");
                    },
                    keyed)
                .result());
  }

  @Test
  void aResultThatIsNotJsonIsNotStored() {
    Connection live = new Connection();
    Connection result =
        agent.run(
            "thread-1",
            s -> s.runTurn(ctx -> live, TurnOptions.defaults().withIdempotencyKey("k1")).result());
    assertThat(result).isSameAs(live); // the turn itself is unaffected
    assertThat(saver.list("thread-1")).isEmpty();
  }

  @Test
  void aResultThatWouldNotReplayAsItsTypeIsNotStored() {
    List<Checkpoint> before = saver.list("thread-1");
    agent.run(
        "thread-1",
        s -> s.runTurn(ctx -> new ReadOnly("x"), TurnOptions.defaults().withIdempotencyKey("k1")));
    assertThat(saver.list("thread-1")).isEqualTo(before);
  }

  /** Serialises (a getter) but cannot be built back: an inner class needs its outer instance. */
  final class ReadOnly {
    private final String value;

    ReadOnly(String value) {
      this.value = value;
    }

    public String getValue() {
      return value;
    }
  }
}
