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
}
