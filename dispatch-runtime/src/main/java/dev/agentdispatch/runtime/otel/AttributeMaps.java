package dev.agentdispatch.runtime.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Map;

/** Turns the plain maps of {@link OtelMapping} into OpenTelemetry attributes. */
final class AttributeMaps {
  private AttributeMaps() {}

  static Attributes of(Map<String, Object> values) {
    AttributesBuilder b = Attributes.builder();
    values.forEach((k, v) -> put(b, k, v));
    return b.build();
  }

  private static void put(AttributesBuilder b, String key, Object value) {
    if (value instanceof Boolean v) {
      b.put(key, v);
    } else if (value instanceof Integer || value instanceof Long) {
      b.put(key, ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      b.put(key, ((Number) value).doubleValue());
    } else {
      b.put(key, String.valueOf(value));
    }
  }
}
