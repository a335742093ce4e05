package dev.agentdispatch.runtime.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class CostPropertiesTest {
  private static final ModelPricing B = TestPricing.example().resolve("model-b");

  @Property(tries = 300)
  void costIsAdditiveOverSnapshots(
      @ForAll @LongRange(max = 10_000_000) long in1,
      @ForAll @LongRange(max = 10_000_000) long out1,
      @ForAll @LongRange(max = 10_000_000) long cw1,
      @ForAll @LongRange(max = 10_000_000) long cr1,
      @ForAll @LongRange(max = 10_000_000) long in2,
      @ForAll @LongRange(max = 10_000_000) long out2,
      @ForAll @LongRange(max = 10_000_000) long cw2,
      @ForAll @LongRange(max = 10_000_000) long cr2) {
    UsageSnapshot a = new UsageSnapshot(in1, out1, cw1, cr1, 0, Optional.of("1h"));
    UsageSnapshot b = new UsageSnapshot(in2, out2, cw2, cr2, 0, Optional.of("1h"));
    assertThat(B.cost(a.plus(b))).isCloseTo(B.cost(a) + B.cost(b), within(1e-9));
    UsageTracker tracker = new UsageTracker(TestPricing.example());
    tracker.recordTurn("model-b", a);
    tracker.recordTurn("model-b", b);
    assertThat(tracker.totalCost()).isCloseTo(B.cost(a) + B.cost(b), within(1e-9));
    assertThat(B.cost(a)).isGreaterThanOrEqualTo(0);
  }
}
