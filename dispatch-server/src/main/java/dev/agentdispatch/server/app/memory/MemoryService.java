package dev.agentdispatch.server.app.memory;

import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.memory.KvEntry;
import dev.agentdispatch.store.memory.KvStore;
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
  public static final int MAX_LIST = 1000;

  private final KvStore store;
  private final AgentService agents;
  private final Clock clock;

  /** Store {@code value} (any JSON value) under a key, for {@code ttlSeconds} when given. */
  public record Put(JsonNode value, Optional<Long> ttlSeconds) {
    public Put {
      if (value == null) {
        throw new ServiceException.Invalid(
            "'value' is required: any JSON value (a string, number, object, array,"
                + " true, false or null)");
      }
      ttlSeconds.ifPresent(ttl -> {
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
          throw new ServiceException.Invalid(
              "ttl_seconds must be between 1 and " + MAX_TTL_SECONDS + ", got " + ttl);
        }
      });
    }
  }

  public MemoryService(KvStore store, AgentService agents, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  public KvEntry put(String namespace, String agent, String key, Put body) {
    requireAgent(namespace, agent);
    requireKey(key);
    String value =
        Check.size(body.value().toString(), MAX_VALUE_BYTES, "value of key '" + key + "'");
    Instant now = clock.instant();
    Optional<Instant> expiresAt = body.ttlSeconds().map(ttl -> now.plus(Duration.ofSeconds(ttl)));
    return store.put(namespace, agent, key, value, expiresAt, now);
  }

  public KvEntry get(String namespace, String agent, String key) {
    requireAgent(namespace, agent);
    requireKey(key);
    return store
        .get(namespace, agent, key, clock.instant())
        .orElseThrow(() -> notFound(agent, key));
  }

  public void delete(String namespace, String agent, String key) {
    requireAgent(namespace, agent);
    requireKey(key);
    if (!store.delete(namespace, agent, key, clock.instant())) {
      throw notFound(agent, key);
    }
  }

  public Page<KvEntry> list(
      String namespace, String agent, String prefix, int limit, Optional<String> cursor) {
    requireAgent(namespace, agent);
    Check.limit(limit, MAX_LIST);
    if (prefix.length() > MAX_KEY_LENGTH) {
      throw new ServiceException.Invalid(
          "prefix is longer than a key may be (" + MAX_KEY_LENGTH + " characters)");
    }
    return store.list(namespace, agent, prefix, limit, cursor, clock.instant());
  }

  /** Deletes expired entries; run by the leader's background loop. */
  public int prune(int limit) {
    return store.pruneExpired(clock.instant(), limit);
  }

  private void requireAgent(String namespace, String agent) {
    agents.requireSpec(namespace, Check.name(agent, "agent"));
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new ServiceException.Invalid(
          "a key must be 1 to "
              + MAX_KEY_LENGTH
              + " characters, got "
              + (key == null ? 0 : key.length()));
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw new ServiceException.Invalid("a key must not contain control characters");
    }
  }

  private static ServiceException.NotFound notFound(String agent, String key) {
    return new ServiceException.NotFound(
        "agent '" + agent + "' has no value under key '" + key + "' (or it expired)");
  }
}
