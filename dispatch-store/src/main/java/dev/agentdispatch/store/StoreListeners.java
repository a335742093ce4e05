package dev.agentdispatch.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one store; a failing listener is logged and never stops the others. */
public final class StoreListeners {
  private static final Logger log = LoggerFactory.getLogger(StoreListeners.class);
  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();

  public void add(StoreListener listener) {
    listeners.add(listener);
  }

  public void publish(List<StoreEvent> events) {
    for (StoreListener l : listeners) {
      for (StoreEvent e : events) {
        try {
          l.onEvent(e);
        } catch (RuntimeException ex) {
          log.warn("store listener {} failed on {}", l, e, ex);
        }
      }
    }
  }
}
