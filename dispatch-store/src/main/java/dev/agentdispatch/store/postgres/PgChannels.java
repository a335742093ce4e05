package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.StoreEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The NOTIFY channels that carry store events between nodes, and their payload format. One
 * transaction sends at most one notification per function with work and a few with ended invocation
 * ids, never one per row.
 */
final class PgChannels {
  static final String WORK = "dispatch_work";
  static final String ENDED = "dispatch_ended";

  /**
   * Appends to event logs that live streams follow (worker events, session logs): {@code
   * kind/ns/id} items.
   */
  static final String LOG = "dispatch_log";

  /** NOTIFY payloads must stay under 8000 bytes. */
  private static final int MAX_PAYLOAD = 7000;

  private PgChannels() {}

  /** (channel, payload) pairs for the events of one committed transaction. */
  static List<Map.Entry<String, String>> notificationsFor(List<StoreEvent> events) {
    Map<String, Long> earliestWork = new LinkedHashMap<>();
    Set<String> ended = new LinkedHashSet<>();
    Set<String> logs = new LinkedHashSet<>();
    for (StoreEvent e : events) {
      if (e instanceof StoreEvent.WorkAvailable w) {
        earliestWork.merge(
            w.namespace() + "/" + w.agent() + "/" + w.function(),
            w.availableAt().toEpochMilli(),
            Math::min);
      } else if (e instanceof StoreEvent.InvocationChanged c && c.terminal()) {
        ended.add(c.namespace() + "/" + c.invocationId());
      } else if (e instanceof StoreEvent.LogAppended l) {
        logs.add(l.kind().name().charAt(0) + "/" + l.namespace() + "/" + l.id());
      }
    }
    List<Map.Entry<String, String>> out = new ArrayList<>();
    earliestWork.forEach((key, at) -> out.add(Map.entry(WORK, key + "/" + at)));
    chunked(ENDED, ended, out);
    chunked(LOG, logs, out);
    return out;
  }

  private static void chunked(
      String channel, Set<String> items, List<Map.Entry<String, String>> out) {
    StringBuilder chunk = new StringBuilder();
    for (String item : items) {
      if (chunk.length() + item.length() + 1 > MAX_PAYLOAD) {
        out.add(Map.entry(channel, chunk.toString()));
        chunk.setLength(0);
      }
      chunk.append(chunk.isEmpty() ? "" : ",").append(item);
    }
    if (!chunk.isEmpty()) {
      out.add(Map.entry(channel, chunk.toString()));
    }
  }

  /** The store events a received notification stands for (empty when it is malformed). */
  static List<StoreEvent> eventsOf(String channel, String payload) {
    List<StoreEvent> out = new ArrayList<>();
    if (WORK.equals(channel)) {
      String[] parts = payload.split("/");
      if (parts.length == 4) {
        parseLong(parts[3])
            .ifPresent(at ->
                out.add(
                    new StoreEvent.WorkAvailable(
                        parts[0], parts[1], parts[2], Instant.ofEpochMilli(at))));
      }
    } else if (LOG.equals(channel)) {
      for (String item : payload.split(",")) {
        String[] parts = item.split("/", 3);
        if (parts.length == 3 && (parts[0].equals("I") || parts[0].equals("S"))) {
          StoreEvent.LogKind kind =
              parts[0].equals("I") ? StoreEvent.LogKind.INVOCATION : StoreEvent.LogKind.SESSION;
          out.add(new StoreEvent.LogAppended(parts[1], kind, parts[2]));
        }
      }
    } else if (ENDED.equals(channel)) {
      for (String item : payload.split(",")) {
        int slash = item.indexOf('/');
        if (slash > 0) {
          out.add(
              new StoreEvent.InvocationChanged(
                  item.substring(0, slash), item.substring(slash + 1), true));
        }
      }
    }
    return out;
  }

  private static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
