package dev.agentdispatch.store.llm;

import java.util.List;

/**
 * Everything that decides where a namespace's model calls go, read in one transaction.
 *
 * @param providers by priority, then name
 * @param aliases by alias
 * @param experiments by name
 */
public record LlmRouting(
    List<ProviderRecord> providers, List<AliasRecord> aliases, List<ExperimentRecord> experiments) {
  public LlmRouting {
    providers = List.copyOf(providers);
    aliases = List.copyOf(aliases);
    experiments = List.copyOf(experiments);
  }
}
