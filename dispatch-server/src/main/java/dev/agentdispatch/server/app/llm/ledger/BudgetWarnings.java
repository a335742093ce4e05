package dev.agentdispatch.server.app.llm.ledger;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.events.PublishRequest;
import dev.agentdispatch.server.app.llm.budgets.Limit;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.store.llm.BudgetScopes;
import dev.agentdispatch.store.llm.Warned;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes {@code llm.budget.warning} when a budget's monthly spend first crosses its warning
 * fraction. The store flips the scope's {@code warned} flag in the transaction that records the
 * crossing call, so one call per scope and month gets here; the event's idempotency key makes a
 * repeated publish of the same warning a no-op. Should this node die between the two, the warning
 * is lost (the spend and the refusals at the limit are not): a notice, not a control.
 */
final class BudgetWarnings {
  /** The topic agents subscribe to. */
  static final String TOPIC = "llm.budget.warning";

  private static final Logger log = LoggerFactory.getLogger(BudgetWarnings.class);

  private final EventService events;

  BudgetWarnings(EventService events) {
    this.events = events;
  }

  void publish(String namespace, Warned warned, Limit limit) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.put("namespace", namespace);
    payload.put("scope", warned.scope());
    if (BudgetScopes.isAgent(warned.scope())) {
      payload.put("agent", BudgetScopes.agentOf(warned.scope()));
    }
    payload.put("month", warned.month().toString());
    payload.put("limit_usd", Usd.of(limit.limitMicros()));
    payload.put("spent_usd", Usd.of(warned.spentMicros()));
    payload.put("warn_at", limit.warnAt());
    String key = TOPIC + ":" + warned.scope() + ":" + warned.month();
    try {
      events.publish(
          namespace,
          new PublishRequest(
              TOPIC,
              payload,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(key)));
    } catch (RuntimeException e) {
      // The call is recorded and charged already; a lost notice must not fail it.
      log.warn("publishing {} for {} in {} failed", TOPIC, warned.scope(), namespace, e);
    }
  }
}
