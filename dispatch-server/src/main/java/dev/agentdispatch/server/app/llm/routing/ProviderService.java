package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import dev.agentdispatch.store.llm.ProviderRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The model providers of each namespace. Keys are never stored or shown: a provider names the
 * server's environment variable that holds its key, and reads say only whether that variable is set
 * on this server.
 */
public final class ProviderService {
  /** Whether a variable is set (and not blank) in this server's environment. */
  public static final Predicate<String> SYSTEM_ENV =
      name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).isPresent();

  private final LlmRoutingStore store;
  private final RoutingTables tables;
  private final Predicate<String> envSet;
  private final Clock clock;

  /**
   * @param envSet whether an environment variable is set on this server (only ever asked about the
   *     names providers give; its value never leaves the predicate)
   */
  public ProviderService(
      LlmRoutingStore store, RoutingTables tables, Predicate<String> envSet, Clock clock) {
    this.store = store;
    this.tables = tables;
    this.envSet = envSet;
    this.clock = clock;
  }

  /** Creates or replaces the provider {@code name}; it routes calls from the next call on. */
  public ConfiguredProvider put(String namespace, String name, ProviderRequest request) {
    Check.name(name, "provider name");
    ProviderRecord stored = store.putProvider(namespace, request.provider(name), clock.instant());
    tables.invalidate(namespace);
    return view(stored);
  }

  public ConfiguredProvider get(String namespace, String name) {
    return store
        .findProvider(namespace, name)
        .map(this::view)
        .orElseThrow(() -> notFound(namespace, name));
  }

  /** The namespace's providers by priority, then name (the failover order). */
  public List<ConfiguredProvider> list(String namespace) {
    return store.listProviders(namespace).stream().map(this::view).toList();
  }

  public void delete(String namespace, String name) {
    boolean deleted = store.deleteProvider(namespace, name);
    tables.invalidate(namespace);
    if (!deleted) {
      throw notFound(namespace, name);
    }
  }

  private ConfiguredProvider view(ProviderRecord r) {
    return new ConfiguredProvider(r, r.provider().apiKeyEnv().filter(envSet).isPresent());
  }

  private static ServiceException.NotFound notFound(String namespace, String name) {
    return new ServiceException.NotFound(
        "no LLM provider '" + name + "' in namespace '" + namespace + "'");
  }
}
