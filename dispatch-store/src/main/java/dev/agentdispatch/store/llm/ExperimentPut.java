package dev.agentdispatch.store.llm;

/** How storing an experiment ended. */
public sealed interface ExperimentPut {
  /** It was stored (created, or replaced keeping its creation time). */
  record Stored(ExperimentRecord experiment) implements ExperimentPut {}

  /**
   * Nothing was stored: it is enabled and {@code enabledName}, another enabled experiment, already
   * splits the calls of the same scope (the same agent, or the whole namespace).
   */
  record ScopeTaken(String enabledName) implements ExperimentPut {}
}
