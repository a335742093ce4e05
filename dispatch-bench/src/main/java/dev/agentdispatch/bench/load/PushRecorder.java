package dev.agentdispatch.bench.load;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the push agent saw during one run: when each invocation ({@code uid}) first arrived, and the
 * enqueue-start stamp its payload carried; and, from the producer, when each enqueue was answered.
 * A retried attempt arriving a second time is answered but counted once.
 */
final class PushRecorder {
  private final RunState state;
  private final Map<String, long[]> arrivals = new ConcurrentHashMap<>();
  private final Map<String, Long> accepted = new ConcurrentHashMap<>();

  PushRecorder(RunState state) {
    this.state = state;
  }

  /** A call arrived at {@code nanos}; true the first time this invocation arrives. */
  boolean arrived(String uid, ByteString payload, long nanos) {
    return arrivals.putIfAbsent(uid, new long[] {stamp(payload), nanos}) == null;
  }

  /** The first call of an invocation was answered. */
  void answered() {
    state.completed(1);
  }

  /** The producer's enqueue of {@code uid} was answered at {@code nanos}. */
  void accepted(String uid, long nanos) {
    accepted.put(uid, nanos);
  }

  int arrivedCount() {
    return arrivals.size();
  }

  /** Enqueue call started (the payload's stamp) → call arrived at the agent. */
  Percentiles dispatch() {
    Samples s = new Samples();
    for (long[] a : arrivals.values()) {
      if (a[0] != 0) {
        s.add(a[1] - a[0]);
      }
    }
    return Percentiles.of(List.of(s));
  }

  /**
   * Enqueue answered → call arrived at the agent, for the invocations whose id the producer saw
   * (negative when the call arrived before the enqueue's answer did).
   */
  Percentiles fromAccepted() {
    Samples s = new Samples();
    accepted.forEach((uid, at) -> {
      long[] a = arrivals.get(uid);
      if (a != null) {
        s.add(a[1] - at);
      }
    });
    return Percentiles.of(List.of(s));
  }

  /** The {@code "t"} stamp of a payload written by {@link Payloads}, 0 when there is none. */
  static long stamp(ByteString payload) {
    String json = payload.toStringUtf8();
    int at = json.indexOf("\"t\":");
    if (at < 0) {
      return 0;
    }
    int i = at + 4;
    while (i < json.length() && json.charAt(i) == ' ') {
      i++;
    }
    boolean negative = i < json.length() && json.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    boolean any = false;
    for (; i < json.length() && Character.isDigit(json.charAt(i)); i++) {
      v = v * 10 + (json.charAt(i) - '0');
      any = true;
    }
    return !any ? 0 : negative ? -v : v;
  }
}
