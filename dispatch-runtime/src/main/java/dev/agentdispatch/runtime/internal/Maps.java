package dev.agentdispatch.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep immutable copies of JSON-like data. The Python library deep-copies dicts and lists on
 * construction and on {@code to_dict}; in Java an unmodifiable deep copy taken once gives the same
 * guarantee (later mutation of the caller's map has no effect) without copying again on read.
 */
public final class Maps {
  private Maps() {}

  /** Deep, unmodifiable, insertion-ordered copy of a JSON-like map. Null values are kept. */
  public static Map<String, Object> deepCopy(Map<String, ?> source) {
    Map<String, Object> copy = new LinkedHashMap<>();
    source.forEach((k, v) -> copy.put(k, deepCopyValue(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** Deep, unmodifiable copy of one JSON-like value. */
  public static Object deepCopyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopyValue(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepCopyValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
