package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.core.llm.LlmVariant;
import dev.agentdispatch.core.llm.StickyBy;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.llm.ExperimentPut;
import dev.agentdispatch.store.llm.LlmRouting;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import dev.agentdispatch.store.llm.ProviderRecord;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LLM routing contract every {@link Store} passes. */
public abstract class LlmRoutingContractTest {
  protected static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  protected static final Instant T1 = T0.plusSeconds(60);
  protected static final String NS = "default";
  protected Store store;

  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private LlmRoutingStore routing() {
    return store.llmRouting();
  }

  private static LlmProvider provider(String name, int priority, List<String> models) {
    return new LlmProvider(
        name,
        LlmFormat.OPENAI,
        URI.create("https://" + name + ".example/v1"),
        Optional.of("KEY_" + name.toUpperCase(java.util.Locale.ROOT)),
        models,
        models.stream().findFirst(),
        priority);
  }

  private static LlmExperiment experiment(String name, Optional<String> agent, boolean enabled) {
    return new LlmExperiment(
        name,
        agent,
        StickyBy.TRACE,
        List.of(
            new LlmVariant("a", 1, Optional.of("m-a"), Optional.empty()),
            new LlmVariant("b", 2.5, Optional.empty(), Optional.of("Be brief."))),
        enabled);
  }

  @Test
  void providersRoundTripReplaceKeepingCreationAndListByPriorityThenName() {
    routing().putProvider(NS, provider("zeta", 0, List.of("m1", "m2")), T0);
    routing().putProvider(NS, provider("alpha", 5, List.of()), T0);
    routing().putProvider(NS, provider("beta", 0, List.of("m1")), T0);
    routing().putProvider("other", provider("aaa", 0, List.of()), T0);

    ProviderRecord replaced = routing().putProvider(NS, provider("zeta", 0, List.of("m3")), T1);
    assertThat(replaced.createdAt()).isEqualTo(T0);
    assertThat(replaced.updatedAt()).isEqualTo(T1);
    assertThat(replaced.provider()).isEqualTo(provider("zeta", 0, List.of("m3")));

    assertThat(routing().listProviders(NS).stream().map(r -> r.provider().name()))
        .containsExactly("beta", "zeta", "alpha");
    assertThat(routing().findProvider(NS, "alpha").orElseThrow().provider().apiKeyEnv())
        .contains("KEY_ALPHA");
    assertThat(routing().deleteProvider(NS, "alpha")).isTrue();
    assertThat(routing().deleteProvider(NS, "alpha")).isFalse();
    assertThat(routing().findProvider(NS, "alpha")).isEmpty();
    assertThat(routing().listProviders("other")).hasSize(1);
  }

  @Test
  void aProviderWithoutKeyOrDefaultModelRoundTrips() {
    LlmProvider keyless =
        new LlmProvider(
            "local",
            LlmFormat.ANTHROPIC,
            URI.create("http://127.0.0.1:11434"),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            3);
    assertThat(routing().putProvider(NS, keyless, T0).provider()).isEqualTo(keyless);
  }

  @Test
  void aliasesRoundTrip() {
    routing().putAlias(NS, "fast", "gpt-4o-mini", T0);
    var replaced = routing().putAlias(NS, "fast", "gpt-4.1-mini", T1);
    assertThat(replaced.model()).isEqualTo("gpt-4.1-mini");
    assertThat(replaced.createdAt()).isEqualTo(T0);
    routing().putAlias(NS, "best", "o3", T0);
    assertThat(routing().listAliases(NS).stream().map(a -> a.alias()))
        .containsExactly("best", "fast");
    assertThat(routing().deleteAlias(NS, "best")).isTrue();
    assertThat(routing().findAlias(NS, "best")).isEmpty();
  }

  @Test
  void experimentsRoundTripAndOnlyOneIsEnabledPerScope() {
    var first = routing().putExperiment(NS, experiment("one", Optional.empty(), true), T0);
    assertThat(first).isInstanceOf(ExperimentPut.Stored.class);
    assertThat(((ExperimentPut.Stored) first).experiment().experiment())
        .isEqualTo(experiment("one", Optional.empty(), true));

    // A second enabled namespace experiment is refused; disabled it is stored.
    assertThat(routing().putExperiment(NS, experiment("two", Optional.empty(), true), T0))
        .isEqualTo(new ExperimentPut.ScopeTaken("one"));
    assertThat(routing().findExperiment(NS, "two")).isEmpty();
    assertThat(routing().putExperiment(NS, experiment("two", Optional.empty(), false), T0))
        .isInstanceOf(ExperimentPut.Stored.class);
    // Another scope (an agent) is free; replacing the enabled one itself is allowed.
    assertThat(routing().putExperiment(NS, experiment("three", Optional.of("bot"), true), T0))
        .isInstanceOf(ExperimentPut.Stored.class);
    assertThat(routing().putExperiment(NS, experiment("one", Optional.empty(), true), T1))
        .isInstanceOf(ExperimentPut.Stored.class);
    // Moving an enabled experiment into a taken scope is refused too.
    assertThat(routing().putExperiment(NS, experiment("three", Optional.empty(), true), T1))
        .isEqualTo(new ExperimentPut.ScopeTaken("one"));
    assertThat(routing().findExperiment(NS, "three").orElseThrow().experiment().agent())
        .contains("bot");

    assertThat(routing().deleteExperiment(NS, "one")).isTrue();
    assertThat(routing().putExperiment(NS, experiment("two", Optional.empty(), true), T1))
        .isInstanceOf(ExperimentPut.Stored.class);
    assertThat(routing().listExperiments(NS).stream().map(r -> r.experiment().name()))
        .containsExactly("three", "two");
  }

  @Test
  void theRoutingSnapshotHoldsAllThreeOfOneNamespace() {
    routing().putProvider(NS, provider("p", 0, List.of()), T0);
    routing().putAlias(NS, "fast", "m", T0);
    routing().putExperiment(NS, experiment("e", Optional.of("bot"), true), T0);
    routing().putProvider("other", provider("q", 0, List.of()), T0);
    LlmRouting r = routing().routing(NS);
    assertThat(r.providers()).hasSize(1);
    assertThat(r.aliases()).hasSize(1);
    assertThat(r.experiments()).hasSize(1);
    assertThat(routing().routing("empty").providers()).isEmpty();
  }
}
