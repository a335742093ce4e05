package dev.agentdispatch.runtime.usage;

import dev.agentdispatch.runtime.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Token and tool-call counts of one turn. All counts are {@code >= 0}. */
public record UsageSnapshot(
    long inputTokens,
    long outputTokens,
    long cacheWriteTokens,
    long cacheReadTokens,
    long toolCalls,
    Optional<String> cacheTtl) {

  /** A snapshot with every count at zero. */
  public static final UsageSnapshot EMPTY = new UsageSnapshot(0, 0, 0, 0, 0, Optional.empty());

  public UsageSnapshot {
    check(inputTokens, "input_tokens");
    check(outputTokens, "output_tokens");
    check(cacheWriteTokens, "cache_write_tokens");
    check(cacheReadTokens, "cache_read_tokens");
    check(toolCalls, "tool_calls");
    cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl is null").map(String::strip);
    if (cacheTtl.isPresent() && cacheTtl.get().isEmpty()) {
      throw new IllegalArgumentException("cache_ttl must be a non-empty string");
    }
  }

  private static void check(long v, String name) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + v);
    }
  }

  /** Input and output tokens only. */
  public static UsageSnapshot of(long inputTokens, long outputTokens) {
    return new UsageSnapshot(inputTokens, outputTokens, 0, 0, 0, Optional.empty());
  }

  /** Field-wise sum; the TTL of {@code this} wins, else the other's. */
  public UsageSnapshot plus(UsageSnapshot o) {
    return new UsageSnapshot(
        Math.addExact(inputTokens, o.inputTokens),
        Math.addExact(outputTokens, o.outputTokens),
        Math.addExact(cacheWriteTokens, o.cacheWriteTokens),
        Math.addExact(cacheReadTokens, o.cacheReadTokens),
        Math.addExact(toolCalls, o.toolCalls),
        cacheTtl.or(o::cacheTtl));
  }

  /** The wire map; {@code cache_ttl} only when set. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input_tokens", inputTokens);
    m.put("output_tokens", outputTokens);
    m.put("cache_write_tokens", cacheWriteTokens);
    m.put("cache_read_tokens", cacheReadTokens);
    m.put("tool_calls", toolCalls);
    cacheTtl.ifPresent(t -> m.put("cache_ttl", t));
    return m;
  }

  /** Rebuilds a snapshot; missing counts default to 0; booleans and fractions are rejected. */
  public static UsageSnapshot fromMap(Map<String, ?> m) {
    return new UsageSnapshot(
        count(m, "input_tokens"),
        count(m, "output_tokens"),
        count(m, "cache_write_tokens"),
        count(m, "cache_read_tokens"),
        count(m, "tool_calls"),
        Optional.ofNullable((String) m.get("cache_ttl")));
  }

  private static long count(Map<String, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return 0;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException(
        key + " must be an int, got " + v.getClass().getSimpleName());
  }

  public String toJson() {
    return Json.write(toMap());
  }

  public static UsageSnapshot fromJson(String json) {
    return fromMap(Json.readObject(json));
  }
}
