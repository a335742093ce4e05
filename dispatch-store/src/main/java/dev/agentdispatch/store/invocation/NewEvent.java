package dev.agentdispatch.store.invocation;

import java.util.Objects;

/** An event to append to an invocation's log. */
public record NewEvent(String type, String dataJson) {
  public NewEvent {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(dataJson, "dataJson is null");
  }
}
