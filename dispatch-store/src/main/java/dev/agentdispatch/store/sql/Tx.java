package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.StoreEvent;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** One unit of work inside a transaction: its connection, and events to publish once it commits. */
public final class Tx {
  private final Connection connection;
  private final List<StoreEvent> events = new ArrayList<>();

  public Tx(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /** Queues an event that listeners hear only if (and after) this work commits. */
  public void publish(StoreEvent event) {
    events.add(event);
  }

  public List<StoreEvent> events() {
    return events;
  }
}
