package dev.agentdispatch.server.app;

import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The server's one JSON mapper: snake_case, ISO-8601 times, strict about unknown request fields and
 * about null items in lists.
 */
public final class Json {
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // A null inside a list or map of a request ("functions": [null]) is refused when read,
          // rather than reaching code that takes every element as present.
          .changeDefaultNullHandling(n -> n.withContentNulls(Nulls.FAIL))
          // A number is what was sent, never silently changed: 7.9 is not a priority of 7, and ""
          // is not "no TTL" (issue 19).
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .withCoercionConfigDefaults(
              c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          // Nor is 18446744073709551616 an agent's name, "5" a count or 1 a true: a field takes
          // the JSON type the API documents.
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private Json() {}

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static JsonNode tree(String json) {
    return MAPPER.readTree(json);
  }
}
