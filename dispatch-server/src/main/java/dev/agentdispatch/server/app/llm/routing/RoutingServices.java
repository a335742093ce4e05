package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.store.llm.LlmRoutingStore;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The routing half of the LLM gateway, built once per server: the admin services and the router,
 * sharing one cache so that an admin change routes the very next call on this node.
 */
public record RoutingServices(
    ProviderService providers,
    AliasService aliases,
    ExperimentService experiments,
    StoreCallRouter router) {

  public RoutingServices {
    Objects.requireNonNull(providers, "providers");
    Objects.requireNonNull(aliases, "aliases");
    Objects.requireNonNull(experiments, "experiments");
    Objects.requireNonNull(router, "router");
  }

  /**
   * @param envSet whether an environment variable is set on this server, usually {@link
   *     ProviderService#SYSTEM_ENV}
   */
  public static RoutingServices create(
      LlmRoutingStore store, Predicate<String> envSet, Clock clock) {
    RoutingTables tables = new RoutingTables(store, clock);
    return new RoutingServices(
        new ProviderService(store, tables, envSet, clock),
        new AliasService(store, tables, clock),
        new ExperimentService(store, tables, clock),
        new StoreCallRouter(
            tables, new VariantPicker(() -> ThreadLocalRandom.current().nextDouble())));
  }
}
