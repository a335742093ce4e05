package dev.agentdispatch.runtime.output;

import dev.agentdispatch.runtime.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * JSON output: parsed (after stripping a Markdown code fence, by default), optionally of a required
 * type, and, for an object, with the required keys. Parses to maps, lists, strings, numbers and
 * booleans.
 */
public record JsonOutputSpec(
    List<String> requiredKeys, Optional<JsonType> requireType, boolean stripFences)
    implements OutputSpec<Object> {

  private static final Pattern FENCE =
      Pattern.compile("\\A\\s*```[A-Za-z0-9_-]*\\s*\\n(.*?)\\n?\\s*```\\s*\\z", Pattern.DOTALL);

  /** The JSON types a spec may require. */
  public enum JsonType {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN;

    boolean accepts(Object v) {
      return switch (this) {
        case OBJECT -> v instanceof Map;
        case ARRAY -> v instanceof List;
        case STRING -> v instanceof String;
        case NUMBER -> v instanceof Number;
        case BOOLEAN -> v instanceof Boolean;
      };
    }

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public JsonOutputSpec {
    requiredKeys = List.copyOf(requiredKeys);
    java.util.Objects.requireNonNull(requireType, "requireType is null");
  }

  /** Any JSON value. */
  public static JsonOutputSpec any() {
    return new JsonOutputSpec(List.of(), Optional.empty(), true);
  }

  /** A JSON object with these keys. */
  public static JsonOutputSpec object(String... requiredKeys) {
    return new JsonOutputSpec(List.of(requiredKeys), Optional.of(JsonType.OBJECT), true);
  }

  @Override
  public Object parse(String output) {
    String text = stripFences ? strip(output) : output;
    Object value;
    try {
      value = Json.readValue(text);
    } catch (JacksonException e) {
      throw new OutputValidationException("output is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (requireType.isPresent() && !requireType.get().accepts(value)) {
      throw new OutputValidationException(
          "output must be a JSON " + requireType.get().value() + ", got " + typeOf(value));
    }
    if (!requiredKeys.isEmpty()) {
      if (!(value instanceof Map<?, ?> map)) {
        throw new OutputValidationException(
            "output must be a JSON object with keys " + requiredKeys + ", got " + typeOf(value));
      }
      List<String> missing = new ArrayList<>();
      for (String k : requiredKeys) {
        if (!map.containsKey(k)) {
          missing.add(k);
        }
      }
      if (!missing.isEmpty()) {
        throw new OutputValidationException("output is missing required keys: " + missing);
      }
    }
    return value;
  }

  static String strip(String output) {
    Matcher m = FENCE.matcher(output);
    return m.matches() ? m.group(1) : output.strip();
  }

  private static String typeOf(Object v) {
    for (JsonType t : JsonType.values()) {
      if (t.accepts(v)) {
        return t.value();
      }
    }
    return "null";
  }
}
