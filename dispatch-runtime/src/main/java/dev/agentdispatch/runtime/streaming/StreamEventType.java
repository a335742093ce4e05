package dev.agentdispatch.runtime.streaming;

import java.util.List;
import java.util.Locale;

/** The kinds of stream events and the payload keys each requires. */
public enum StreamEventType {
  TEXT_DELTA(List.of("delta")),
  TOOL_CALL(List.of("tool", "args")),
  TOOL_RESULT(List.of("tool", "result")),
  HANDOFF(List.of("target_role", "reason")),
  FINAL(List.of("status")),
  ERROR(List.of("error_type", "message"));

  private final List<String> requiredKeys;

  StreamEventType(List<String> requiredKeys) {
    this.requiredKeys = requiredKeys;
  }

  public List<String> requiredKeys() {
    return requiredKeys;
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
