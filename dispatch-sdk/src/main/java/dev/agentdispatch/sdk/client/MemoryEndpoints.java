package dev.agentdispatch.sdk.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One agent's long-term key-value memory (DESIGN §9). Obtained from {@link
 * DispatchClient#memory(String)}. Keys may contain {@code /}; values are any JSON.
 */
public final class MemoryEndpoints {
  private final HttpTransport transport;
  private final String agent;

  MemoryEndpoints(HttpTransport transport, String agent) {
    this.transport = transport;
    this.agent = agent;
  }

  /**
   * Stores a value.
   *
   * @param key the key, 1..256 characters
   * @param value any value Jackson can write (at most 1 MiB of JSON)
   * @param ttl when present, the value disappears after it
   * @return the stored entry
   */
  public JsonNode put(String key, Object value, Optional<Duration> ttl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", value);
    ttl.ifPresent(t -> body.put("ttl_seconds", Math.max(1, t.toSeconds())));
    return transport.send("PUT", path(key), Optional.of(body), Duration.ZERO);
  }

  /**
   * Reads a value.
   *
   * @param key the key
   * @return the entry ({@code {key, value, expires_at, …}}), or empty when absent or expired
   */
  public Optional<JsonNode> get(String key) {
    try {
      return Optional.of(transport.send("GET", path(key), Optional.empty(), Duration.ZERO));
    } catch (DispatchApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Deletes a value.
   *
   * @param key the key
   * @return false when there was none
   */
  public boolean delete(String key) {
    try {
      transport.send("DELETE", path(key), Optional.empty(), Duration.ZERO);
      return true;
    } catch (DispatchApiException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Lists entries whose key starts with {@code prefix}, by key.
   *
   * @param prefix the prefix ({@code ""} for all)
   * @param cursor the previous page's {@code next_cursor}
   * @return {@code {items, next_cursor}}
   */
  public JsonNode list(String prefix, Optional<String> cursor) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("prefix", prefix);
    cursor.ifPresent(c -> query.put("cursor", c));
    return transport.send("GET", base() + UrlParts.query(query), Optional.empty(), Duration.ZERO);
  }

  private String base() {
    return transport.namespaced("/agents/" + UrlParts.segment(agent) + "/kv");
  }

  private String path(String key) {
    // Each segment is escaped on its own so that '/' keeps separating the key's parts.
    StringBuilder sb = new StringBuilder(base());
    for (String part : key.split("/", -1)) {
      sb.append('/').append(UrlParts.segment(part));
    }
    return sb.toString();
  }
}
