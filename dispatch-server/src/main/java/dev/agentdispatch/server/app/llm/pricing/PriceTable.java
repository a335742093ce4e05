package dev.agentdispatch.server.app.llm.pricing;

import dev.agentdispatch.server.app.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The server's pricing table: a price per model name and the price of models it does not know.
 * Shipped as {@code llm/pricing.json}; an operator replaces it with a file of the same shape
 * ({@code --pricing FILE}) without a rebuild, and namespaces override single models through the
 * API. Loaded once at start and checked whole: a typo in a field fails the start, naming it.
 *
 * @param models by lower-case model name
 */
public record PriceTable(ModelPrice defaultPrice, Map<String, ModelPrice> models) {
  /** The table shipped with the server. */
  public static final String BUILT_IN = "llm/pricing.json";

  private static final Set<String> TOP = Set.of("note", "as_of", "default", "models");
  private static final Set<String> PRICE =
      Set.of("input_per_mtok", "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok");

  public PriceTable {
    Objects.requireNonNull(defaultPrice, "defaultPrice is null");
    models = Map.copyOf(models);
  }

  /** The table shipped with the server. */
  public static PriceTable builtIn() {
    try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException(BUILT_IN + " is missing from the server's classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table from an operator's file, or the built-in one when none is given. */
  public static PriceTable load(Optional<Path> file) {
    if (file.isEmpty()) {
      return builtIn();
    }
    try {
      return parse(Files.readString(file.get()), file.get().toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read pricing file " + file.get() + ": " + e, e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the source and the field when the text is not a valid
   *     table
   */
  public static PriceTable parse(String json, String source) {
    JsonNode root;
    try {
      root = Json.tree(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "pricing " + source + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("pricing " + source + " must be a JSON object");
    }
    known(root, TOP, source, "");
    if (!root.path("default").isObject()) {
      throw new IllegalArgumentException(
          "pricing " + source + ": 'default' is required (the price of models not listed)");
    }
    ModelPrice dflt = price(root.get("default"), source, "default");
    Map<String, ModelPrice> models = new TreeMap<>();
    JsonNode listed = root.path("models");
    if (!listed.isMissingNode() && !listed.isObject()) {
      throw new IllegalArgumentException("pricing " + source + ": 'models' must be an object");
    }
    for (String name : listed.propertyNames()) {
      models.put(name.toLowerCase(Locale.ROOT), price(listed.get(name), source, "models." + name));
    }
    return new PriceTable(dflt, models);
  }

  private static ModelPrice price(JsonNode node, String source, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("pricing " + source + ": " + where + " must be an object");
    }
    known(node, PRICE, source, where + ".");
    try {
      BigDecimal input = required(node, "input_per_mtok", where);
      BigDecimal output = required(node, "output_per_mtok", where);
      return new ModelPrice(
          Usd.micros(input),
          Usd.micros(output),
          Usd.micros(
              Usd.parse(
                      node.get("cache_read_per_mtok"),
                      where + ".cache_read_per_mtok",
                      Usd.MAX_PRICE_PER_MTOK)
                  .orElse(input)),
          Usd.micros(
              Usd.parse(
                      node.get("cache_write_per_mtok"),
                      where + ".cache_write_per_mtok",
                      Usd.MAX_PRICE_PER_MTOK)
                  .orElse(input)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("pricing " + source + ": " + e.getMessage(), e);
    }
  }

  private static BigDecimal required(JsonNode node, String field, String where) {
    return Usd.parse(node.get(field), where + "." + field, Usd.MAX_PRICE_PER_MTOK)
        .orElseThrow(() -> new IllegalArgumentException(where + "." + field + " is required"));
  }

  private static void known(JsonNode node, Set<String> allowed, String source, String prefix) {
    for (String field : node.propertyNames()) {
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException(
            "pricing "
                + source
                + ": unknown field '"
                + prefix
                + field
                + "' (known: "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
    }
  }
}
