package dev.agentdispatch.server.app.events;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes {@code flow.class.degraded} and {@code flow.class.recovered} when an execution class of
 * an agent changes health, so agents and people can react. The store tells only the node that
 * committed the change; the event is published from a thread of its own, never from the store's.
 * Should the node die between the two, the notice is lost; the class's state is not (it is in
 * {@code GET …/agents/{agent}}): a notice, not a control.
 */
public final class ClassHealthNotices implements StoreListener, AutoCloseable {
  /** The topic of a class becoming degraded. */
  public static final String DEGRADED = "flow.class.degraded";

  /** The topic of a class recovering (a completed attempt, or an operator's reset). */
  public static final String RECOVERED = "flow.class.recovered";

  private static final Logger log = LoggerFactory.getLogger(ClassHealthNotices.class);

  private final EventService events;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("flow-notices").daemon(true).unstarted(r));

  public ClassHealthNotices(EventService events) {
    this.events = events;
  }

  @Override
  public void onEvent(StoreEvent event) {
    if (event instanceof StoreEvent.ClassHealthChanged c) {
      sender.execute(() -> publish(c));
    }
  }

  private void publish(StoreEvent.ClassHealthChanged c) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.put("agent", c.agent());
    payload.put("lane", c.lane());
    payload.put("failures", c.failures());
    String topic = c.degraded() ? DEGRADED : RECOVERED;
    try {
      events.publish(
          c.namespace(),
          new PublishRequest(
              topic,
              payload,
              Optional.of("dispatch"),
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    } catch (RuntimeException e) {
      log.warn("publishing {} for {}/{} failed", topic, c.agent(), c.lane(), e);
    }
  }

  @Override
  public void close() {
    sender.shutdown();
  }
}
