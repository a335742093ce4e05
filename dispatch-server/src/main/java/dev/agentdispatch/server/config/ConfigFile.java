package dev.agentdispatch.server.config;

import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.pricing.PriceRequest;
import dev.agentdispatch.server.app.llm.pricing.PricingService;
import dev.agentdispatch.server.app.llm.routing.ProviderRequest;
import dev.agentdispatch.server.app.llm.routing.RoutingServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's configuration file, checked: the LLM providers, model aliases and prices it declares
 * per namespace. Loaded by {@link ConfigFileLoader}; applied at every start.
 *
 * @param source the file, empty for a server started without one
 */
public record ConfigFile(
    Optional<Path> source,
    List<Provider> providers,
    List<Alias> aliases,
    List<ConfiguredPrice> prices) {

  /** A provider the file declares; {@code where} is its place in the file, for messages. */
  public record Provider(String where, String namespace, String name, ProviderRequest request) {}

  /** An alias the file declares. */
  public record Alias(String where, String namespace, String alias, String model) {}

  public ConfigFile {
    Objects.requireNonNull(source, "source");
    providers = List.copyOf(providers);
    aliases = List.copyOf(aliases);
    prices = List.copyOf(prices);
  }

  /** No file: nothing to apply. */
  public static ConfigFile none() {
    return new ConfigFile(Optional.empty(), List.of(), List.of(), List.of());
  }

  /**
   * Writes the file's providers, its aliases, then its prices, through the same services as the
   * admin API (replacing what is stored under the same names), so that a file-defined provider or
   * price behaves like any other. What the file does not mention is left as it is.
   *
   * @throws ConfigFileException naming the entry a service refused (e.g. an alias that would chain
   *     onto one defined through the API)
   */
  public void apply(RoutingServices llm, PricingService pricing) {
    Path file = source.orElse(Path.of("(none)"));
    for (Provider p : providers) {
      try {
        llm.providers().put(p.namespace(), p.name(), p.request());
      } catch (ServiceException e) {
        throw new ConfigFileException(file, p.where() + ": " + e.getMessage(), e);
      }
    }
    for (Alias a : aliases) {
      try {
        llm.aliases().put(a.namespace(), a.alias(), a.model());
      } catch (ServiceException e) {
        throw new ConfigFileException(file, a.where() + ": " + e.getMessage(), e);
      }
    }
    for (ConfiguredPrice p : prices) {
      try {
        pricing.put(
            p.namespace(),
            p.model(),
            new PriceRequest(
                p.inputPerMtok(),
                p.outputPerMtok(),
                Optional.of(p.cacheReadPerMtok()),
                Optional.of(p.cacheWritePerMtok())));
      } catch (ServiceException e) {
        throw new ConfigFileException(
            file, "price of '" + p.model() + "' in '" + p.namespace() + "': " + e.getMessage(), e);
      }
    }
  }
}
