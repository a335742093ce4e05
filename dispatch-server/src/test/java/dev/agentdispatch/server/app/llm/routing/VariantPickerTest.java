package dev.agentdispatch.server.app.llm.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmVariant;
import dev.agentdispatch.core.llm.StickyBy;
import dev.agentdispatch.server.app.llm.CallAttribution;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VariantPickerTest {
  private static LlmExperiment experiment(String name, StickyBy by) {
    return new LlmExperiment(
        name,
        Optional.empty(),
        by,
        List.of(
            new LlmVariant("a", 1, Optional.empty(), Optional.empty()),
            new LlmVariant("b", 1, Optional.empty(), Optional.empty())),
        true);
  }

  private static CallAttribution call(Optional<String> trace, Optional<String> session) {
    return new CallAttribution("ns", Optional.empty(), trace, Optional.empty(), session);
  }

  @Test
  void aCallWithoutTheStickyIdSticksByTheOtherAndWithNeitherIsRandom() {
    AtomicInteger randomDraws = new AtomicInteger();
    VariantPicker picker =
        new VariantPicker(() -> randomDraws.getAndIncrement() % 2 == 0 ? 0.1 : 0.9);
    LlmExperiment bySession = experiment("e", StickyBy.SESSION);
    CallAttribution traceOnly = call(Optional.of("t-1"), Optional.empty());
    assertThat(VariantPicker.stickyKey(bySession, traceOnly)).contains("t-1");
    assertThat(
            VariantPicker.stickyKey(
                experiment("e", StickyBy.TRACE), call(Optional.empty(), Optional.of("s-1"))))
        .contains("s-1");
    assertThat(VariantPicker.stickyKey(bySession, call(Optional.of("t-1"), Optional.of("s-1"))))
        .contains("s-1");
    for (int i = 0; i < 10; i++) {
      assertThat(picker.pick(bySession, traceOnly).name())
          .isEqualTo(picker.pick(bySession, traceOnly).name());
    }
    assertThat(randomDraws).hasValue(0);

    CallAttribution anonymous = call(Optional.empty(), Optional.empty());
    assertThat(picker.pick(bySession, anonymous).name()).isEqualTo("a");
    assertThat(picker.pick(bySession, anonymous).name()).isEqualTo("b");
    assertThat(randomDraws).hasValue(2);
  }

  @Test
  void experimentsSplitTheSameKeysIndependently() {
    int same = 0;
    for (int i = 0; i < 1000; i++) {
      double x = VariantPicker.unit("first", "s-" + i);
      double y = VariantPicker.unit("second", "s-" + i);
      assertThat(x).isBetween(0.0, 1.0).isLessThan(1.0);
      if (x < 0.5 == y < 0.5) {
        same++;
      }
    }
    // Independent halves agree about half the time; the same hash would agree always.
    assertThat(same).isBetween(420, 580);
  }
}
