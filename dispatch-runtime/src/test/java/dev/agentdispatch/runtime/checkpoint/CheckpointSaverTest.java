package dev.agentdispatch.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.runtime.clock.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSaverTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void inMemory() {
    exercise(new InMemorySaver(clock));
  }

  @Test
  void sqliteOrdersIdentically(@TempDir Path dir) {
    try (SqliteSaver saver = new SqliteSaver(dir.resolve("cp.db").toString(), clock)) {
      exercise(saver);
    }
  }

  private void exercise(CheckpointSaver saver) {
    Checkpoint c1 = saver.put("t", Map.of("n", 1), Optional.empty(), Map.of());
    clock.advanceSeconds(1);
    Checkpoint c2 = saver.put("t", Map.of("n", 2), Optional.of(c1.id()), Map.of("k", "v"));
    clock.advanceSeconds(1);
    Checkpoint c3 =
        saver.put("t", Map.of("n", 3, "nested", List.of(1, 2)), Optional.of(c2.id()), Map.of());
    saver.put("other", Map.of(), Optional.empty(), Map.of());

    assertThat(c1.id()).matches("[0-9a-f]{32}");
    assertThat(saver.get("t")).contains(c3);
    assertThat(saver.get("t", c2.id())).contains(c2);
    assertThat(saver.list("t")).containsExactly(c3, c2, c1);
    assertThat(saver.list("t", Optional.of(c3.id()), 10)).containsExactly(c2, c1);
    assertThat(saver.list("t", Optional.of(c3.id()), 1)).containsExactly(c2);
    assertThat(saver.list("t", Optional.of("unknown"), 10)).isEmpty();
    assertThat(saver.list("t", Optional.empty(), 0)).isEmpty();
    saver.delete("t");
    assertThat(saver.get("t")).isEmpty();
    assertThat(saver.list("other")).hasSize(1);
  }

  @Test
  void inMemorySteps() {
    exerciseSteps(new InMemorySaver(clock));
  }

  @Test
  void sqliteStepsOrderIdenticallyAndSurviveAReopen(@TempDir Path dir) {
    String path = dir.resolve("steps.db").toString();
    try (SqliteSaver saver = new SqliteSaver(path, clock)) {
      exerciseSteps(saver);
      saver.putStep("kept", "fetch", Optional.of(Map.of("rows", 3)), Map.of());
    }
    try (SqliteSaver reopened = new SqliteSaver(path, clock)) {
      assertThat(reopened.getStep("kept", "fetch").flatMap(StepCheckpoint::value))
          .contains(Map.of("rows", 3));
    }
  }

  private void exerciseSteps(StepCheckpointSaver saver) {
    StepCheckpoint b = saver.putStep("t", "b-search", Optional.of(List.of("x", 1)), Map.of());
    clock.advanceSeconds(1);
    saver.putStep("t", "a-fetch", Optional.of(Map.of("rows", 2)), Map.of("tool", "fetch"));
    StepCheckpoint c = saver.putStep("t", "c-empty", Optional.empty(), Map.of());
    // Same created_at: the step key breaks the tie.
    assertThat(saver.listSteps("t"))
        .extracting(StepCheckpoint::stepKey)
        .containsExactly("b-search", "a-fetch", "c-empty");
    assertThat(saver.getStep("t", "b-search")).contains(b);
    assertThat(saver.getStep("t", "c-empty")).contains(c);
    assertThat(saver.getStep("t", "a-fetch").get().metadata()).containsEntry("tool", "fetch");
    assertThat(saver.getStep("t", "missing")).isEmpty();

    clock.advanceSeconds(1);
    saver.putStep("t", "b-search", Optional.of("again"), Map.of()); // overwrites by key
    assertThat(saver.listSteps("t"))
        .extracting(StepCheckpoint::stepKey)
        .containsExactly("a-fetch", "c-empty", "b-search");
    assertThat(saver.getStep("t", "b-search").flatMap(StepCheckpoint::value)).contains("again");
    assertThat(saver.listSteps("other")).isEmpty();

    saver.put("t", Map.of("n", 1), Optional.empty(), Map.of());
    saver.delete("t");
    assertThat(saver.listSteps("t")).isEmpty();
    assertThat(saver.get("t")).isEmpty();
  }
}
