package dev.agentdispatch.server.app.llm.routing;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentdispatch.store.llm.LlmRouting;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each namespace's routing configuration for the hot path, read from the store at most once per
 * {@link #TTL}. A change made through this node's services is seen by the next call ({@link
 * #invalidate}); a change made on another node is seen within the TTL, which keeps every node off a
 * notification channel for a configuration that changes rarely.
 */
public final class RoutingTables {
  /** How stale another node's change may be seen here. */
  public static final Duration TTL = Duration.ofSeconds(2);

  private final LlmRoutingStore store;
  private final Clock clock;
  // Per namespace; bounded, since a key for every namespace may name any.
  private final Map<String, Cached> cache =
      Caffeine.newBuilder().maximumSize(10_000).<String, Cached>build().asMap();

  /** Counts local changes, so a read that raced one is used once but never cached. */
  private final AtomicLong changes = new AtomicLong();

  private record Cached(LlmRouting routing, Instant loadedAt) {}

  public RoutingTables(LlmRoutingStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The namespace's providers, aliases and experiments, at most {@link #TTL} old. */
  public LlmRouting get(String namespace) {
    Instant now = clock.instant();
    Cached hit = cache.get(namespace);
    if (hit != null && hit.loadedAt().plus(TTL).isAfter(now)) {
      return hit.routing();
    }
    long seen = changes.get();
    LlmRouting loaded = store.routing(namespace);
    cache.compute(namespace, (ns, old) -> changes.get() == seen ? new Cached(loaded, now) : old);
    return loaded;
  }

  /** Forgets the namespace's configuration after a local change, so the next call reads it. */
  public void invalidate(String namespace) {
    changes.incrementAndGet();
    cache.remove(namespace);
  }
}
