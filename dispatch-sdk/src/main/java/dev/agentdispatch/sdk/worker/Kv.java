package dev.agentdispatch.sdk.worker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** An agent's long-term key-value memory, shared by all its invocations (DESIGN §9). */
public interface Kv {
  /**
   * Stores a value with no expiry.
   *
   * @param key 1..256 characters; {@code /} separates parts
   * @param value a string, number, record, map or JSON tree (at most 1 MiB of JSON)
   */
  void put(String key, Object value);

  /**
   * Stores a value that disappears after {@code ttl}.
   *
   * @param key the key
   * @param value the value
   * @param ttl at least one second
   */
  void put(String key, Object value, Duration ttl);

  /**
   * Reads a value.
   *
   * @param key the key
   * @return the value, or empty when absent or expired
   */
  Optional<JsonNode> get(String key);

  /**
   * Reads a value as a type.
   *
   * @param key the key
   * @param type the type
   * @param <T> the type
   * @return the value, or empty when absent or expired
   */
  <T> Optional<T> get(String key, Class<T> type);

  /**
   * Deletes a value.
   *
   * @param key the key
   * @return false when there was none
   */
  boolean delete(String key);

  /**
   * Lists the keys starting with {@code prefix} (the first 1000).
   *
   * @param prefix the prefix, {@code ""} for all
   * @return the keys, sorted
   */
  List<String> keys(String prefix);
}
