package dev.agentdispatch.store.key;

import dev.agentdispatch.core.auth.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys, stored hashed. */
public interface KeyStore {
  void insert(ApiKey key);

  Optional<ApiKey> findByHash(String hash);

  List<ApiKey> list();

  /** Revokes the key whose id or shown prefix is {@code idOrPrefix}; false when none matched. */
  boolean revoke(String idOrPrefix, Instant now);
}
