package dev.agentdispatch.runtime.streaming;

import dev.agentdispatch.runtime.internal.Json;
import dev.agentdispatch.runtime.internal.Maps;
import dev.agentdispatch.runtime.internal.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event of a streamed turn. Each type has required payload keys; extra keys are kept. A {@code
 * final} event's status is completed, cancelled or failed.
 */
public record StreamEvent(StreamEventType type, Map<String, Object> payload, Instant emittedAt) {
  private static final Set<String> FINAL_STATUSES = Set.of("completed", "cancelled", "failed");

  public StreamEvent {
    Objects.requireNonNull(type, "type is null");
    payload = Maps.deepCopy(Objects.requireNonNull(payload, "payload is null"));
    Objects.requireNonNull(emittedAt, "emittedAt is null");
    for (String key : type.requiredKeys()) {
      if (!payload.containsKey(key)) {
        throw new IllegalArgumentException(type.value() + " payload requires '" + key + "'");
      }
    }
    if (type == StreamEventType.FINAL && !FINAL_STATUSES.contains(payload.get("status"))) {
      throw new IllegalArgumentException(
          "final status must be one of completed, cancelled, failed");
    }
  }

  public static StreamEvent text(String delta, Instant at) {
    return new StreamEvent(StreamEventType.TEXT_DELTA, Map.of("delta", delta), at);
  }

  public static StreamEvent toolCall(String tool, Map<String, Object> args, Instant at) {
    return new StreamEvent(StreamEventType.TOOL_CALL, Map.of("tool", tool, "args", args), at);
  }

  public static StreamEvent toolResult(String tool, Object result, Instant at) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tool", tool);
    p.put("result", result);
    return new StreamEvent(StreamEventType.TOOL_RESULT, p, at);
  }

  public static StreamEvent handoff(String targetRole, String reason, Instant at) {
    return new StreamEvent(
        StreamEventType.HANDOFF, Map.of("target_role", targetRole, "reason", reason), at);
  }

  public static StreamEvent finalEvent(
      String status, Optional<String> detail, Optional<Map<String, Object>> usage, Instant at) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("status", status);
    detail.ifPresent(d -> p.put("detail", d));
    usage.ifPresent(u -> p.put("usage", u));
    return new StreamEvent(StreamEventType.FINAL, p, at);
  }

  public static StreamEvent error(String errorType, String message, Instant at) {
    return new StreamEvent(
        StreamEventType.ERROR, Map.of("error_type", errorType, "message", message), at);
  }

  /** {type, payload, emitted_at}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type.value());
    m.put("payload", payload);
    m.put("emitted_at", Timestamps.format(emittedAt));
    return m;
  }

  public String toJson() {
    return Json.write(toMap());
  }
}
