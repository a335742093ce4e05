package dev.agentdispatch.server.config;

import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.routing.LlmChecks;
import dev.agentdispatch.server.app.llm.routing.ProviderRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads the configuration file ({@code .toml}, or {@code .json} with the same structure) strictly:
 * an unknown key, a missing field or a bad value fails with a message naming the file and where in
 * it, so a misspelt setting never silently does nothing.
 */
public final class ConfigFileLoader {
  private ConfigFileLoader() {}

  /** The file's top level. */
  record Document(Llm llm) {}

  /**
   * {@code [llm]}: {@code [[llm.providers]]}, {@code [llm.aliases.<namespace>]}, {@code
   * [[llm.pricing]]}.
   */
  record Llm(
      List<ProviderEntry> providers,
      Map<String, Map<String, String>> aliases,
      List<PriceEntry> pricing) {}

  /** One {@code [[llm.providers]]}; {@code apiKey} is read only to be refused. */
  record ProviderEntry(
      String namespace,
      String name,
      String format,
      String baseUrl,
      String apiKeyEnv,
      List<String> models,
      String defaultModel,
      Integer priority,
      JsonNode apiKey) {}

  /** One {@code [[llm.pricing]]}, in US dollars per million tokens. */
  record PriceEntry(
      String namespace,
      String model,
      BigDecimal inputPerMtok,
      BigDecimal outputPerMtok,
      BigDecimal cacheReadPerMtok,
      BigDecimal cacheWritePerMtok) {}

  /**
   * Reads and checks {@code file}.
   *
   * @throws ConfigFileException when it cannot be read or is not valid
   */
  public static ConfigFile load(Path file) {
    Document doc = parse(file);
    Llm llm = doc == null || doc.llm() == null ? new Llm(null, null, null) : doc.llm();
    try {
      return new ConfigFile(
          Optional.of(file),
          providers(llm.providers()),
          aliases(llm.aliases()),
          prices(llm.pricing()));
    } catch (ServiceException e) {
      throw new ConfigFileException(file, e.getMessage(), e);
    }
  }

  private static Document parse(Path file) {
    ObjectMapper mapper = mapperFor(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigFileException(file, "cannot be read: " + e, e);
    }
    try {
      return mapper.readValue(bytes, Document.class);
    } catch (UnrecognizedPropertyException e) {
      String at = path(e);
      throw new ConfigFileException(
          file,
          "unknown key '" + (at.isEmpty() ? "" : at + ".") + e.getPropertyName() + "'" + known(e),
          e);
    } catch (JacksonException e) {
      String at = path(e);
      throw new ConfigFileException(
          file, (at.isEmpty() ? "" : "at '" + at + "': ") + e.getOriginalMessage(), e);
    }
  }

  private static ObjectMapper mapperFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".toml")) {
      return TomlMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
    }
    if (name.endsWith(".json")) {
      return JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
    }
    throw new ConfigFileException(file, "must end in .toml or .json");
  }

  /** The dotted path of the object the problem is in, e.g. {@code llm.providers[0]}. */
  private static String path(JacksonException e) {
    List<JacksonException.Reference> refs = e.getPath();
    StringBuilder out = new StringBuilder();
    // The last reference is the unknown key itself, named separately.
    int end = e instanceof UnrecognizedPropertyException ? refs.size() - 1 : refs.size();
    for (int i = 0; i < end; i++) {
      JacksonException.Reference r = refs.get(i);
      if (r.getPropertyName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(r.getPropertyName());
      } else {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String known(UnrecognizedPropertyException e) {
    if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    e.getKnownPropertyIds().forEach(k -> names.add(String.valueOf(k)));
    names.sort(null);
    return " (known keys there: " + String.join(", ", names) + ")";
  }

  private static List<ConfigFile.Provider> providers(List<ProviderEntry> entries) {
    List<ConfigFile.Provider> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < (entries == null ? 0 : entries.size()); i++) {
      String where = "llm.providers[" + i + "]";
      ProviderEntry p = entries.get(i);
      try {
        String ns = Check.name(p.namespace(), "namespace");
        String name = Check.name(p.name(), "name");
        if (!seen.add(ns + "/" + name)) {
          throw new ServiceException.Invalid(
              "provider '" + name + "' of namespace '" + ns + "' is declared twice");
        }
        ProviderRequest request =
            ProviderRequest.of(
                p.format(),
                p.baseUrl(),
                p.apiKeyEnv(),
                p.models(),
                p.defaultModel(),
                p.priority(),
                p.apiKey() != null);
        out.add(new ConfigFile.Provider(where, ns, name, request));
      } catch (ServiceException e) {
        throw e.at(where);
      }
    }
    return out;
  }

  private static List<ConfigFile.Alias> aliases(Map<String, Map<String, String>> byNamespace) {
    List<ConfigFile.Alias> out = new ArrayList<>();
    if (byNamespace == null) {
      return out;
    }
    for (var ns : new TreeMap<>(byNamespace).entrySet()) {
      String where = "llm.aliases." + ns.getKey();
      try {
        Check.name(ns.getKey(), "namespace");
      } catch (ServiceException e) {
        throw e.at(where);
      }
      for (var alias :
          new TreeMap<>(Optional.ofNullable(ns.getValue()).orElse(Map.of())).entrySet()) {
        String at = where + "." + alias.getKey();
        try {
          LlmChecks.alias(alias.getKey(), "alias");
          LlmChecks.model(alias.getValue(), "model");
        } catch (ServiceException e) {
          throw e.at(at);
        }
        if (ns.getValue().containsKey(alias.getValue())) {
          throw new ServiceException.Invalid(
                  "'"
                      + alias.getValue()
                      + "' is itself an alias: aliases do not chain, point '"
                      + alias.getKey()
                      + "' at a model")
              .at(at);
        }
        out.add(new ConfigFile.Alias(at, ns.getKey(), alias.getKey(), alias.getValue()));
      }
    }
    return out;
  }

  private static List<ConfiguredPrice> prices(List<PriceEntry> entries) {
    List<ConfiguredPrice> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < (entries == null ? 0 : entries.size()); i++) {
      String where = "llm.pricing[" + i + "]";
      PriceEntry p = entries.get(i);
      try {
        String ns = Check.name(p.namespace(), "namespace");
        String model = LlmChecks.model(p.model(), "model");
        if (!seen.add(ns + "/" + model)) {
          throw new ServiceException.Invalid(
              "model '" + model + "' of namespace '" + ns + "' is priced twice");
        }
        BigDecimal in = price(p.inputPerMtok(), "input_per_mtok", Optional.empty());
        out.add(
            new ConfiguredPrice(
                ns,
                model,
                in,
                price(p.outputPerMtok(), "output_per_mtok", Optional.empty()),
                price(p.cacheReadPerMtok(), "cache_read_per_mtok", Optional.of(in)),
                price(p.cacheWritePerMtok(), "cache_write_per_mtok", Optional.of(in))));
      } catch (ServiceException e) {
        throw e.at(where);
      }
    }
    return out;
  }

  /** A price of 0 or more; {@code dflt} when absent, required when there is none. */
  private static BigDecimal price(BigDecimal value, String field, Optional<BigDecimal> dflt) {
    if (value == null) {
      return dflt.orElseThrow(() -> new ServiceException.Invalid("'" + field + "' is required"));
    }
    if (value.signum() < 0) {
      throw new ServiceException.Invalid("'" + field + "' must be 0 or more, got " + value);
    }
    return value;
  }
}
