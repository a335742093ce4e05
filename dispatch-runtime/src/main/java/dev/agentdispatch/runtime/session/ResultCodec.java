package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.internal.Json;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a turn result goes into a checkpoint and comes back out of one. JSON alone loses the Java
 * type (a record comes back as a map, a {@code Long} as an {@code Integer}), so the result's class
 * is recorded next to it and a replay converts back to it. A result is stored only when it really
 * is JSON: an object with nothing to serialise (Jackson would write {@code {}}) or one that would
 * not convert back to its own class is refused, so that a replay never hands out a hollow value.
 *
 * <p>Trust: the class named in a checkpoint is loaded and bound through plain bean binding (no
 * polymorphic typing), and the checkpoint store is the session's own, written by this class.
 */
final class ResultCodec {
  /** The metadata key of the result's class. */
  static final String RESULT_TYPE = "result_type";

  /** What JSON gives back as itself: these need no recorded type. */
  private static final Set<Class<?>> JSON_NATIVE =
      Set.of(String.class, Boolean.class, Integer.class, Double.class);

  private static final JsonMapper MAPPER =
      Json.mapper().rebuild().enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

  /** A result as a checkpoint holds it. */
  record Encoded(Object json, Optional<String> type) {}

  private ResultCodec() {}

  /** The result as JSON (with its class when JSON would lose it), or empty when it is not JSON. */
  static Optional<Encoded> encode(Object result) {
    Object json;
    try {
      json = MAPPER.readValue(MAPPER.writeValueAsString(result), Object.class);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (result == null || isJsonNative(result.getClass())) {
      return Optional.of(new Encoded(json, Optional.empty()));
    }
    try {
      MAPPER.convertValue(json, result.getClass());
    } catch (JacksonException e) {
      return Optional.empty(); // it would replay as something else than it is
    }
    return Optional.of(new Encoded(json, Optional.of(result.getClass().getName())));
  }

  /**
   * The stored result as the caller's type: the requested type if the turn named one, else the
   * recorded class, else the JSON value itself (a checkpoint written by the Python library).
   *
   * @throws IllegalStateException when the stored value does not convert to that type
   */
  static Object decode(Object json, Optional<Object> recordedType, Optional<Type> requested) {
    try {
      if (requested.isPresent()) {
        return MAPPER.convertValue(json, MAPPER.getTypeFactory().constructType(requested.get()));
      }
      if (recordedType.isPresent() && json != null) {
        return MAPPER.convertValue(json, load(String.valueOf(recordedType.get())));
      }
      return json;
    } catch (JacksonException | ClassNotFoundException e) {
      throw new IllegalStateException("stored result does not convert: " + e.getClass(), e);
    }
  }

  /** Maps and collections replay as JSON maps and lists; a typed container needs a named type. */
  private static boolean isJsonNative(Class<?> type) {
    return JSON_NATIVE.contains(type)
        || Map.class.isAssignableFrom(type)
        || Collection.class.isAssignableFrom(type);
  }

  private static Class<?> load(String name) throws ClassNotFoundException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return Class.forName(
        name, false, context != null ? context : ResultCodec.class.getClassLoader());
  }
}
