package dev.agentdispatch.store.llm;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmProvider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The LLM gateway's routing configuration: providers, model aliases and experiments. */
public interface LlmRoutingStore {
  /** Inserts or replaces a provider (keeping its creation time); returns what is stored. */
  ProviderRecord putProvider(String namespace, LlmProvider provider, Instant now);

  Optional<ProviderRecord> findProvider(String namespace, String name);

  /** The namespace's providers by priority, then name. */
  List<ProviderRecord> listProviders(String namespace);

  /** Returns false when there was none. */
  boolean deleteProvider(String namespace, String name);

  /** Inserts or replaces an alias (keeping its creation time); returns what is stored. */
  AliasRecord putAlias(String namespace, String alias, String model, Instant now);

  Optional<AliasRecord> findAlias(String namespace, String alias);

  /** The namespace's aliases by alias. */
  List<AliasRecord> listAliases(String namespace);

  /** Returns false when there was none. */
  boolean deleteAlias(String namespace, String alias);

  /**
   * Inserts or replaces an experiment (keeping its creation time), unless it is enabled and another
   * enabled experiment has the same scope: that check and the write are one transaction.
   */
  ExperimentPut putExperiment(String namespace, LlmExperiment experiment, Instant now);

  Optional<ExperimentRecord> findExperiment(String namespace, String name);

  /** The namespace's experiments by name. */
  List<ExperimentRecord> listExperiments(String namespace);

  /** Returns false when there was none. */
  boolean deleteExperiment(String namespace, String name);

  /** The namespace's providers, aliases and experiments as of one moment. */
  LlmRouting routing(String namespace);
}
