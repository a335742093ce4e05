package dev.agentdispatch.runtime.routing;

import static dev.agentdispatch.runtime.retry.FailureScenario.LLM_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderRouterTest {
  @Test
  void staticPicksTheFirstAllowed() {
    StaticProviderRouter r = new StaticProviderRouter(List.of(" a ", "b", "c"));
    assertThat(r.select(LLM_ERROR, 1, "a", Set.of())).contains("b");
    assertThat(r.select(LLM_ERROR, 1, "a", Set.of("b"))).contains("c");
    assertThat(r.select(LLM_ERROR, 1, "a", Set.of("b", "c"))).isEmpty();
    assertThat(r.select(LLM_ERROR, 0, "a", Set.of())).isEmpty();
    assertThat(r.select(LLM_ERROR, 1, " ", Set.of())).isEmpty();
    assertThatThrownBy(() -> new StaticProviderRouter(List.of("a", " a")))
        .hasMessageContaining("duplicate");
  }

  @Test
  void roundRobinAdvancesItsCursor() {
    RoundRobinProviderRouter r = new RoundRobinProviderRouter(List.of("a", "b", "c"));
    assertThat(r.select(LLM_ERROR, 1, "x", Set.of())).contains("a");
    assertThat(r.select(LLM_ERROR, 1, "x", Set.of())).contains("b");
    assertThat(r.select(LLM_ERROR, 1, "c", Set.of())).contains("a");
    assertThat(r.select(LLM_ERROR, 1, "x", Set.of("a", "b", "c"))).isEmpty();
    assertThat(new RoundRobinProviderRouter(List.of()).select(LLM_ERROR, 1, "x", Set.of()))
        .isEmpty();
  }

  @Test
  void weightedPicksTheHeaviestPositiveWithTiesToTheEarlier() {
    WeightedProviderRouter r =
        new WeightedProviderRouter(
            List.of(
                Map.entry("a", 1.0),
                Map.entry("b", 3.0),
                Map.entry("c", 3.0),
                Map.entry("d", 0.0)));
    assertThat(r.select(LLM_ERROR, 1, "a", Set.of())).contains("b");
    assertThat(r.select(LLM_ERROR, 1, "b", Set.of())).contains("c");
    assertThat(r.select(LLM_ERROR, 1, "b", Set.of("c", "a"))).isEmpty();
    assertThatThrownBy(() -> new WeightedProviderRouter(List.of(Map.entry("a", Double.NaN))))
        .hasMessage("weight must be finite");
  }
}
