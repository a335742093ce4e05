package dev.agentdispatch.runtime.usage;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code {"models": {name: {input_per_million, output_per_million, ...}}}}. */
final class PricingJson {
  private PricingJson() {}

  static Map<String, ModelPricing> parse(String json) {
    Map<String, Object> root = Json.readObject(json);
    Object models = root.get("models");
    if (!(models instanceof Map<?, ?> modelMap)) {
      throw new IllegalArgumentException("pricing file: 'models' must be an object");
    }
    Map<String, ModelPricing> out = new LinkedHashMap<>();
    for (var e : modelMap.entrySet()) {
      String name = PricingRegistry.normalise(Checks.nonBlank(String.valueOf(e.getKey()), "model"));
      if (!(e.getValue() instanceof Map<?, ?> fields)) {
        throw new IllegalArgumentException("pricing file: model '" + name + "' must be an object");
      }
      out.put(name, pricing(name, fields));
    }
    return out;
  }

  private static ModelPricing pricing(String name, Map<?, ?> f) {
    return new ModelPricing(
        required(name, f, "input_per_million"),
        required(name, f, "output_per_million"),
        optional(name, f, "cache_write_per_million"),
        optional(name, f, "cache_read_per_million"),
        optional(name, f, "cache_write_5min_per_million"),
        optional(name, f, "cache_write_1h_per_million"));
  }

  private static double required(String name, Map<?, ?> f, String key) {
    if (!f.containsKey(key)) {
      throw new IllegalArgumentException("pricing file: model '" + name + "' is missing " + key);
    }
    return number(name, f.get(key), key);
  }

  private static double optional(String name, Map<?, ?> f, String key) {
    return f.containsKey(key) ? number(name, f.get(key), key) : 0.0;
  }

  private static double number(String name, Object v, String key) {
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          "pricing file: model '" + name + "' field " + key + " must be a number, got " + v);
    }
    return n.doubleValue();
  }
}
