package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.store.llm.AliasRecord;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import java.time.Clock;
import java.util.List;

/**
 * Model aliases: a call for an alias goes to its model. Aliases never chain (an alias's model is
 * not itself an alias), so one lookup resolves any name and no cycle can form.
 */
public final class AliasService {
  private final LlmRoutingStore store;
  private final RoutingTables tables;
  private final Clock clock;

  public AliasService(LlmRoutingStore store, RoutingTables tables, Clock clock) {
    this.store = store;
    this.tables = tables;
    this.clock = clock;
  }

  /** Creates or repoints {@code alias}. */
  public AliasRecord put(String namespace, String alias, String model) {
    LlmChecks.alias(alias, "alias");
    LlmChecks.model(model, "model");
    if (alias.equals(model)) {
      throw new ServiceException.Invalid("alias '" + alias + "' cannot point to itself");
    }
    store
        .findAlias(namespace, model)
        .ifPresent(a -> {
          throw new ServiceException.Invalid(
              "'model' '"
                  + model
                  + "' is itself an alias (of '"
                  + a.model()
                  + "'): aliases do not chain, point '"
                  + alias
                  + "' at a model");
        });
    store.listAliases(namespace).stream()
        .filter(a -> a.model().equals(alias))
        .findFirst()
        .ifPresent(a -> {
          throw new ServiceException.Invalid(
              "alias '"
                  + a.alias()
                  + "' points to '"
                  + alias
                  + "': aliases do not chain, so '"
                  + alias
                  + "' cannot become an alias too");
        });
    AliasRecord stored = store.putAlias(namespace, alias, model, clock.instant());
    tables.invalidate(namespace);
    return stored;
  }

  public AliasRecord get(String namespace, String alias) {
    return store.findAlias(namespace, alias).orElseThrow(() -> notFound(namespace, alias));
  }

  public List<AliasRecord> list(String namespace) {
    return store.listAliases(namespace);
  }

  public void delete(String namespace, String alias) {
    boolean deleted = store.deleteAlias(namespace, alias);
    tables.invalidate(namespace);
    if (!deleted) {
      throw notFound(namespace, alias);
    }
  }

  private static ServiceException.NotFound notFound(String namespace, String alias) {
    return new ServiceException.NotFound(
        "no model alias '" + alias + "' in namespace '" + namespace + "'");
  }
}
