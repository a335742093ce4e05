package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.store.llm.ExperimentPut;
import dev.agentdispatch.store.llm.ExperimentRecord;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Experiments: splits of an agent's (or a namespace's) model calls between variants. At most one
 * experiment is enabled per scope, so which variant a call falls into never depends on which of two
 * experiments was looked at first.
 */
public final class ExperimentService {
  private final LlmRoutingStore store;
  private final RoutingTables tables;
  private final Clock clock;

  public ExperimentService(LlmRoutingStore store, RoutingTables tables, Clock clock) {
    this.store = store;
    this.tables = tables;
    this.clock = clock;
  }

  /**
   * Creates or replaces the experiment {@code name}.
   *
   * @throws ServiceException.Conflict {@code experiment_scope_taken} when it is enabled and another
   *     enabled experiment splits the same agent's (or the whole namespace's) calls
   */
  public ExperimentRecord put(String namespace, String name, ExperimentRequest request) {
    Check.name(name, "experiment name");
    return switch (store.putExperiment(namespace, request.experiment(name), clock.instant())) {
      case ExperimentPut.Stored s -> {
        tables.invalidate(namespace);
        yield s.experiment();
      }
      case ExperimentPut.ScopeTaken t ->
          throw new ServiceException.Conflict(
              "experiment_scope_taken",
              "experiment '"
                  + t.enabledName()
                  + "' is already enabled for "
                  + request.agent().map(a -> "agent '" + a + "'").orElse("the whole namespace")
                  + ": at most one experiment per scope is enabled; disable or delete it first,"
                  + " or send this one with \"enabled\": false",
              Optional.of(Map.of("enabled_experiment", t.enabledName())));
    };
  }

  public ExperimentRecord get(String namespace, String name) {
    return store.findExperiment(namespace, name).orElseThrow(() -> notFound(namespace, name));
  }

  public List<ExperimentRecord> list(String namespace) {
    return store.listExperiments(namespace);
  }

  public void delete(String namespace, String name) {
    boolean deleted = store.deleteExperiment(namespace, name);
    tables.invalidate(namespace);
    if (!deleted) {
      throw notFound(namespace, name);
    }
  }

  private static ServiceException.NotFound notFound(String namespace, String name) {
    return new ServiceException.NotFound(
        "no LLM experiment '" + name + "' in namespace '" + namespace + "'");
  }
}
