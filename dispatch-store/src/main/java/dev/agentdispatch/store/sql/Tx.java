package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.StoreEvent;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** One unit of work inside a transaction: its connection, and events to publish once it commits. */
public final class Tx {
  private final Connection connection;
  private final Dialect dialect;
  private final List<StoreEvent> events = new ArrayList<>();

  public Tx(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  public Connection connection() {
    return connection;
  }

  /** The database's SQL dialect, for work that locks. */
  public Dialect dialect() {
    return dialect;
  }

  /** Queues an event that listeners hear only if (and after) this work commits. */
  public void publish(StoreEvent event) {
    events.add(event);
  }

  public List<StoreEvent> events() {
    return events;
  }
}
