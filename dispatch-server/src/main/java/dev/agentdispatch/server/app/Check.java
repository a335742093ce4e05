package dev.agentdispatch.server.app;

import dev.agentdispatch.core.agent.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The request checks every command shares, in one place so that every door refuses the same input
 * with the same words. Each throws {@link ServiceException.Invalid} (or {@link
 * ServiceException.TooLarge}) naming the field.
 */
public final class Check {
  /** Longest id a caller may choose: idempotency keys, trace, parent and session ids. */
  public static final int MAX_ID_LENGTH = 128;

  /** Longest timeout or attempt timeout, in seconds (one day). */
  public static final int MAX_TIMEOUT_SECONDS = 86_400;

  /** Most items any list of a request may hold (functions, lease ids, results, events...). */
  public static final int MAX_LIST_ITEMS = 1000;

  private Check() {}

  /**
   * A list of at most {@link #MAX_LIST_ITEMS} items: one request cannot make work (or SQL) of
   * unbounded size.
   */
  public static <C extends java.util.Collection<?>> C bounded(C items, String field) {
    if (items.size() > MAX_LIST_ITEMS) {
      throw new ServiceException.Invalid(
          "'" + field + "' lists " + items.size() + " items; at most " + MAX_LIST_ITEMS);
    }
    return items;
  }

  /** A present, non-blank value. */
  public static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ServiceException.Invalid("'" + field + "' is required");
    }
    return value;
  }

  /** A present value that is a valid name (agents, functions, namespaces). */
  public static String name(String value, String field) {
    required(value, field);
    if (!Names.valid(value)) {
      throw new ServiceException.Invalid("'" + field + "' is not a valid name: '" + value + "'");
    }
    return value;
  }

  /** An optional caller-chosen id of 1 to {@link #MAX_ID_LENGTH} characters. */
  public static Optional<String> optionalId(String value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw new ServiceException.Invalid(field + " must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    return Optional.of(value);
  }

  /** An optional number of seconds between 1 and {@link #MAX_TIMEOUT_SECONDS}. */
  public static Optional<Duration> seconds(Integer value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    if (value < 1 || value > MAX_TIMEOUT_SECONDS) {
      throw new ServiceException.Invalid(
          field + " must be between 1 and " + MAX_TIMEOUT_SECONDS + ", got " + value);
    }
    return Optional.of(Duration.ofSeconds(value));
  }

  /** An optional integer in {@code [min, max]}, {@code dflt} when absent. */
  public static int range(Integer value, int dflt, int min, int max, String field) {
    int v = value == null ? dflt : value;
    if (v < min || v > max) {
      throw new ServiceException.Invalid(
          field + " must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  /** A page size in {@code [1, max]}. */
  public static int limit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new ServiceException.Invalid("limit must be between 1 and " + max + ", got " + limit);
    }
    return limit;
  }

  /** JSON text no larger than {@code maxBytes} in UTF-8. */
  public static String size(String json, int maxBytes, String field) {
    int size = json.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxBytes) {
      throw new ServiceException.TooLarge(
          field + " is " + size + " bytes; the limit is " + maxBytes + " bytes");
    }
    return json;
  }
}
