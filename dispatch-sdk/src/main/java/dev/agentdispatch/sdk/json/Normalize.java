package dev.agentdispatch.sdk.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns the {@code null}s that JSON mapping leaves behind (missing fields) into empty values, so
 * records expose {@code Optional} and empty collections instead of {@code null}.
 */
public final class Normalize {
  private Normalize() {}

  /**
   * Returns the optional, or empty when it is {@code null}.
   *
   * @param value a possibly-null optional
   * @param <T> the content type
   * @return never {@code null}
   */
  @SuppressWarnings("OptionalAssignedToNull")
  public static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /**
   * Returns the JSON optional without JSON null: a JSON {@code null} counts as absent.
   *
   * @param value a possibly-null optional tree
   * @return never {@code null}, never holding a null node
   */
  public static Optional<JsonNode> json(Optional<JsonNode> value) {
    return optional(value).filter(n -> !n.isNull() && !n.isMissingNode());
  }

  /**
   * Returns an immutable copy of the list, or an empty list when it is {@code null}.
   *
   * @param value a possibly-null list
   * @param <T> the element type
   * @return never {@code null}
   */
  public static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  /**
   * Returns an immutable copy of the map, or an empty map when it is {@code null}.
   *
   * @param value a possibly-null map
   * @param <K> the key type
   * @param <V> the value type
   * @return never {@code null}
   */
  public static <K, V> Map<K, V> map(Map<K, V> value) {
    // Not Map.copyOf: JSON metadata may hold null values.
    return value == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(value));
  }

  /**
   * Checks that a required text value is present and not blank.
   *
   * @param value the value
   * @param name the field name for the message
   * @return the value
   */
  public static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          name + " must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }
}
