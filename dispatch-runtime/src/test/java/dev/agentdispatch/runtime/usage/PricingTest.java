package dev.agentdispatch.runtime.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PricingTest {
  private final PricingRegistry registry = TestPricing.example();

  @Test
  void lookupIsExactThenLongestPrefixThenZero() {
    assertThat(registry.resolve("model-a")).isEqualTo(new ModelPricing(2.5, 10.0));
    assertThat(registry.resolve("  MODEL-A-MINI ")).isEqualTo(new ModelPricing(0.15, 0.60));
    assertThat(registry.resolve("model-a-mini-2026-01-01")).isEqualTo(new ModelPricing(0.15, 0.60));
    assertThat(registry.resolve("model-a-2026")).isEqualTo(new ModelPricing(2.5, 10.0));
    assertThat(registry.resolve("unknown")).isEqualTo(ModelPricing.ZERO);
    assertThat(registry.resolve("")).isEqualTo(ModelPricing.ZERO);
    assertThat(registry.has("model-c-mini-x")).isTrue();
    assertThat(registry.has("other")).isFalse();
    assertThat(PricingRegistry.defaultRegistry().snapshot()).isEmpty(); // the bundled file is empty
  }

  @Test
  void costFormula() {
    UsageSnapshot usage =
        new UsageSnapshot(1_000_000, 1_000_000, 1_000_000, 1_000_000, 0, Optional.empty());
    ModelPricing b = registry.resolve("model-b");
    assertThat(b.cost(usage)).isCloseTo(3.0 + 15.0 + 3.75 + 0.30, within(1e-12));
    assertThat(b.cost(new UsageSnapshot(0, 0, 1_000_000, 0, 0, Optional.of("1h"))))
        .isCloseTo(6.0, within(1e-12));
    assertThat(b.cost(new UsageSnapshot(0, 0, 1_000_000, 0, 0, Optional.of("5m"))))
        .isCloseTo(3.75, within(1e-12));
    assertThat(b.cost(new UsageSnapshot(0, 0, 1_000_000, 0, 0, Optional.of("2d"))))
        .isCloseTo(3.75, within(1e-12));
    ModelPricing onlyBase = new ModelPricing(0, 0, 2.0, 0, 0, 0);
    assertThat(onlyBase.writeRateForTtl(Optional.of("1h")))
        .isEqualTo(2.0); // zero 1h rate falls back
    assertThat(registry.resolve("model-a").cost(UsageSnapshot.of(1000, 500)))
        .isCloseTo(0.0025 + 0.005, within(1e-15));
  }

  @Test
  void registerConflictModes() {
    PricingRegistry r = new PricingRegistry();
    r.register(" Model-X ", new ModelPricing(1, 1));
    r.register("model-x", new ModelPricing(2, 2), OnConflict.KEEP);
    assertThat(r.resolve("model-x")).isEqualTo(new ModelPricing(1, 1));
    assertThatThrownBy(() -> r.register("MODEL-X", new ModelPricing(3, 3), OnConflict.ERROR))
        .isInstanceOf(PricingAlreadyRegisteredException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(
            e -> assertThat(((PricingAlreadyRegisteredException) e).model()).isEqualTo("model-x"));
    r.register("model-x", new ModelPricing(4, 4), OnConflict.OVERWRITE);
    assertThat(r.resolve("model-x")).isEqualTo(new ModelPricing(4, 4));
    assertThatThrownBy(() -> OnConflict.fromValue("merge")).hasMessageContaining("on_conflict");
  }

  @Test
  void loadingIsAllOrNothing() {
    PricingRegistry r = new PricingRegistry();
    assertThatThrownBy(() ->
            r.loadJson(
                "{\"models\": {\"ok\": {\"input_per_million\": 1, \"output_per_million\": 1},"
                    + " \"bad\": {\"input_per_million\": 1}}}"))
        .hasMessageContaining("missing output_per_million");
    assertThat(r.snapshot()).isEmpty();
    assertThatThrownBy(() -> r.loadJson("{\"models\": []}"))
        .hasMessageContaining("must be an object");
    assertThatThrownBy(() ->
            r.loadJson(
                "{\"models\": {\"m\": {\"input_per_million\": \"x\", \"output_per_million\": 1}}}"))
        .hasMessageContaining("must be a number");
    assertThatThrownBy(() -> new ModelPricing(-1, 0))
        .hasMessageContaining("input_per_million must be >= 0");
  }

  @Test
  void snapshotValidationAndJson() {
    assertThatThrownBy(() -> UsageSnapshot.of(-1, 0))
        .hasMessageContaining("input_tokens must be >= 0");
    assertThatThrownBy(() -> new UsageSnapshot(0, 0, 0, 0, 0, Optional.of("  ")))
        .hasMessageContaining("cache_ttl");
    UsageSnapshot s = new UsageSnapshot(1, 2, 3, 4, 5, Optional.of(" 5m "));
    assertThat(s.cacheTtl()).contains("5m");
    assertThat(UsageSnapshot.fromJson(s.toJson())).isEqualTo(s);
    assertThat(UsageSnapshot.of(1, 2).toMap()).doesNotContainKey("cache_ttl");
    assertThat(UsageSnapshot.fromMap(java.util.Map.of("input_tokens", 3)))
        .isEqualTo(UsageSnapshot.of(3, 0));
    assertThatThrownBy(() -> UsageSnapshot.fromMap(java.util.Map.of("input_tokens", true)))
        .hasMessageContaining("must be an int");
    assertThatThrownBy(() -> UsageSnapshot.fromMap(java.util.Map.of("input_tokens", 1.5)))
        .hasMessageContaining("must be an int");
  }
}
