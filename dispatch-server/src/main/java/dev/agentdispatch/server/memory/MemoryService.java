package dev.agentdispatch.server.memory;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.server.agents.AgentService;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.memory.KvEntry;
import dev.agentdispatch.store.memory.KvStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Per-agent long-term memory (DESIGN §9) with its limits: keys of 1..256 characters without control
 * characters, values of at most 1 MiB of JSON (413 beyond), TTLs of 1 s..365 days.
 */
public final class MemoryService {
  public static final int MAX_KEY_LENGTH = 256;
  public static final int MAX_VALUE_BYTES = 1024 * 1024;
  public static final long MAX_TTL_SECONDS = 365L * 86_400;

  private final KvStore store;
  private final AgentService agents;
  private final Clock clock;

  /** Body of {@code PUT /agents/{agent}/kv/{key}}. */
  public record PutBody(JsonNode value, Long ttlSeconds) {}

  public MemoryService(KvStore store, AgentService agents, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  public KvEntry put(String namespace, String agent, String key, PutBody body) {
    requireAgent(namespace, agent);
    requireKey(key);
    if (body.value() == null) {
      throw ApiException.badRequest("'value' is required: any JSON value (a string, number, object, array, true,"
          + " false or null)");
    }
    String value = body.value().toString();
    int size = value.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_VALUE_BYTES) {
      throw ApiException.tooLarge("value of key '" + key + "' is " + size + " bytes; the limit is " + MAX_VALUE_BYTES
          + " bytes");
    }
    Instant now = clock.instant();
    Optional<Instant> expiresAt = Optional.ofNullable(body.ttlSeconds()).map(ttl -> {
      if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
        throw ApiException.badRequest("ttl_seconds must be between 1 and " + MAX_TTL_SECONDS + ", got " + ttl);
      }
      return now.plus(Duration.ofSeconds(ttl));
    });
    return store.put(namespace, agent, key, value, expiresAt, now);
  }

  public KvEntry get(String namespace, String agent, String key) {
    requireAgent(namespace, agent);
    requireKey(key);
    return store.get(namespace, agent, key, clock.instant()).orElseThrow(() -> notFound(agent, key));
  }

  public void delete(String namespace, String agent, String key) {
    requireAgent(namespace, agent);
    requireKey(key);
    if (!store.delete(namespace, agent, key, clock.instant())) {
      throw notFound(agent, key);
    }
  }

  public Page<KvEntry> list(String namespace, String agent, String prefix, int limit, Optional<String> cursor) {
    requireAgent(namespace, agent);
    if (prefix.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest("prefix is longer than a key may be (" + MAX_KEY_LENGTH + " characters)");
    }
    return store.list(namespace, agent, prefix, limit, cursor, clock.instant());
  }

  /** Deletes expired entries; run by the leader's background loop. */
  public int prune(int limit) {
    return store.pruneExpired(clock.instant(), limit);
  }

  private void requireAgent(String namespace, String agent) {
    Names.require(agent, "agent");
    if (agents.spec(namespace, agent).isEmpty()) {
      throw ApiException.notFound("agent '" + agent + "' is not registered in namespace '" + namespace + "'");
    }
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest("a key must be 1 to " + MAX_KEY_LENGTH + " characters, got "
          + (key == null ? 0 : key.length()));
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("a key must not contain control characters");
    }
  }

  private static ApiException notFound(String agent, String key) {
    return ApiException.notFound("agent '" + agent + "' has no value under key '" + key + "' (or it expired)");
  }
}
