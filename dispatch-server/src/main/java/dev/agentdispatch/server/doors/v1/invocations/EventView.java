package dev.agentdispatch.server.doors.v1.invocations;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.store.invocation.InvocationEvent;
import java.time.Instant;

/** One entry of an invocation's event log. */
public record EventView(long seq, Instant at, String type, @JsonRawValue String data) {
  public static EventView of(InvocationEvent e) {
    return new EventView(e.seq(), e.at(), e.type(), e.dataJson());
  }
}
