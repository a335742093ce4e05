package dev.agentdispatch.server.doors.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body a door answers an error with; the status and headers are the same for every door.
 */
@FunctionalInterface
public interface ErrorShape {
  /** The native {@code /v1} shape: {@code {"error": {"code", "message", "details"?}}}. */
  ErrorShape NATIVE =
      e -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        e.details().ifPresent(d -> error.put("details", d));
        return Map.of("error", error);
      };

  /** The body for {@code e}, serialized as JSON. */
  Object body(ApiException e);
}
