package dev.agentdispatch.runtime.internal;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson 3 mapper the runtime uses for its JSON round trips. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /** The shared mapper (thread-safe, immutable). */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Serialises a JSON-able value (maps, lists, strings, numbers, booleans, null). */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Parses any JSON value: maps, lists, strings, numbers, booleans, or null. */
  public static Object readValue(String json) {
    return MAPPER.readValue(json, Object.class);
  }

  /** Parses a JSON object into a mutable map. */
  public static Map<String, Object> readObject(String json) {
    return MAPPER.readValue(json, MAP);
  }
}
