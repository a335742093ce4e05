package dev.agentdispatch.store.memory;

import dev.agentdispatch.store.Page;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-agent long-term memory (DESIGN §9), keyed by (namespace, agent, key). An expired entry is
 * invisible at once (every read compares with {@code now}); {@link #pruneExpired} deletes it later.
 */
public interface KvStore {
  /** Creates or replaces a value, keeping its creation time. */
  KvEntry put(
      String namespace,
      String agent,
      String key,
      String valueJson,
      Optional<Instant> expiresAt,
      Instant now);

  Optional<KvEntry> get(String namespace, String agent, String key, Instant now);

  /** False when there was no live entry. */
  boolean delete(String namespace, String agent, String key, Instant now);

  /**
   * Live entries whose key starts with {@code prefix}, by key; the cursor is the last key of a
   * page.
   */
  Page<KvEntry> list(
      String namespace,
      String agent,
      String prefix,
      int limit,
      Optional<String> cursor,
      Instant now);

  /** Deletes up to {@code limit} expired entries; returns how many. */
  int pruneExpired(Instant now, int limit);
}
