package dev.agentdispatch.server.app.events;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.core.topic.Topics;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which functions subscribe to which topic patterns, per namespace, rebuilt from the registered
 * agents at most once per {@link #TTL} (so a registration on another node is seen within it) and at
 * once after a local registration.
 */
public final class SubscriptionIndex {
  static final Duration TTL = Duration.ofSeconds(2);

  /** A function subscribed through one of its topic triggers. */
  public record Subscriber(String agent, FunctionSpec function, String pattern) {}

  /**
   * The subscribers as built at {@code builtAt}, and which of them each topic published since
   * matched: the answer for a topic cannot change before the snapshot does, so a repeated topic
   * (the common case) skips matching every pattern again.
   */
  private record Snapshot(
      List<Subscriber> subscribers, Instant builtAt, Map<String, List<Subscriber>> byTopic) {
    Snapshot(List<Subscriber> subscribers, Instant builtAt) {
      this(subscribers, builtAt, new ConcurrentHashMap<>());
    }
  }

  /** Topics remembered per snapshot; past it the memo starts over (topics are callers' names). */
  static final int TOPICS_REMEMBERED = 1_000;

  private final AgentService agents;
  private final Clock clock;
  // Bounded: a key for every namespace may publish to any name.
  private final Map<String, Snapshot> byNamespace =
      Caffeine.newBuilder().maximumSize(10_000).<String, Snapshot>build().asMap();

  public SubscriptionIndex(AgentService agents, Clock clock) {
    this.agents = agents;
    this.clock = clock;
  }

  /**
   * The functions whose patterns match {@code topic}; a function matching through two patterns
   * counts once.
   */
  public List<Subscriber> match(String namespace, String topic) {
    Snapshot snapshot = snapshot(namespace);
    List<Subscriber> known = snapshot.byTopic().get(topic);
    if (known != null) {
      return known;
    }
    List<Subscriber> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Subscriber s : snapshot.subscribers()) {
      if (Topics.matches(s.pattern(), topic) && seen.add(s.agent() + "." + s.function().name())) {
        out.add(s);
      }
    }
    List<Subscriber> matched = List.copyOf(out);
    if (snapshot.byTopic().size() >= TOPICS_REMEMBERED) {
      snapshot.byTopic().clear();
    }
    snapshot.byTopic().put(topic, matched);
    return matched;
  }

  /** Forgets a namespace's index, e.g. after an agent there was registered or deleted. */
  public void invalidate(String namespace) {
    byNamespace.remove(namespace);
  }

  private Snapshot snapshot(String namespace) {
    Instant now = clock.instant();
    Snapshot s = byNamespace.get(namespace);
    if (s == null || s.builtAt().plus(TTL).isBefore(now)) {
      s = new Snapshot(build(namespace), now);
      byNamespace.put(namespace, s);
    }
    return s;
  }

  private List<Subscriber> build(String namespace) {
    List<Subscriber> out = new ArrayList<>();
    for (RegisteredAgent agent : agents.list(namespace)) {
      AgentSpec spec = agent.spec();
      for (FunctionSpec f : spec.functions()) {
        for (Trigger t : f.triggers()) {
          if (t instanceof Trigger.Topic topic) {
            out.add(new Subscriber(spec.name(), f, topic.topic()));
          }
        }
      }
    }
    return out;
  }
}
