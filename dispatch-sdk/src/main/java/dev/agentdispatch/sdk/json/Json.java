package dev.agentdispatch.sdk.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The two JSON mappers of the SDK.
 *
 * <p>The <em>wire</em> mapper reads and writes the API's own bodies: snake_case names, ISO-8601
 * timestamps, absent {@code Optional}s left out, and unknown fields ignored so that a newer server
 * does not break an older SDK. The <em>payload</em> mapper handles user records (payloads and
 * results): names stay as declared, because they are the user's contract, not ours.
 */
public final class Json {
  private static final JsonMapper WIRE =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_ABSENT))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private static final JsonMapper PAYLOAD =
      JsonMapper.builder()
          // Declaration order reads naturally in logs and matches the generated schemas.
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_ABSENT))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private Json() {}

  /**
   * Returns the mapper for API bodies (snake_case, lenient on unknown fields).
   *
   * @return the shared, thread-safe wire mapper
   */
  public static JsonMapper wire() {
    return WIRE;
  }

  /**
   * Returns the mapper for user payloads and results (names as declared).
   *
   * @return the shared, thread-safe payload mapper
   */
  public static JsonMapper payload() {
    return PAYLOAD;
  }

  /**
   * Converts a user value (record, map, {@link JsonNode} or {@code null}) into a JSON tree.
   *
   * @param value the value to convert; {@code null} becomes JSON null
   * @return the JSON tree
   */
  public static JsonNode toTree(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    return PAYLOAD.valueToTree(value);
  }

  /**
   * Reads a JSON tree into a user type, ignoring fields the type does not declare.
   *
   * @param node the JSON tree
   * @param type the target type
   * @param <T> the target type
   * @return the value, or {@code null} when the tree is JSON null
   * @throws JacksonException when the tree does not fit the type
   */
  public static <T> T fromTree(JsonNode node, Class<T> type) {
    return PAYLOAD.treeToValue(node, type);
  }

  /**
   * Reads a JSON tree into a user type and refuses fields the type does not declare, matching the
   * {@code additionalProperties: false} of the generated schemas.
   *
   * @param node the JSON tree
   * @param type the target type
   * @param <T> the target type
   * @return the value
   * @throws JacksonException when the tree does not fit the type
   */
  public static <T> T fromTreeStrict(JsonNode node, Class<T> type) {
    return PAYLOAD
        .readerFor(type)
        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(node);
  }
}
