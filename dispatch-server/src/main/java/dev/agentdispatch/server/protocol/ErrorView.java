package dev.agentdispatch.server.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.server.app.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code {error, error_type, trace?, details?}}: why an attempt or invocation failed, as shown and
 * as a worker (or an HTTP push agent) reports it. {@code details} is any JSON value, parsed and
 * written as a value, never spliced as text, so stored details cannot break the JSON of a read.
 */
public record ErrorView(
    String error,
    String errorType,
    @JsonInclude(JsonInclude.Include.NON_NULL) String trace,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode details) {
  public static ErrorView of(ErrorInfo e) {
    return new ErrorView(
        e.message(),
        e.type(),
        e.trace().orElse(null),
        e.detailsJson().map(ErrorView::detailsValue).orElse(null));
  }

  /** Stored details as a JSON value; text that is not JSON (rows stored before) as a string. */
  private static JsonNode detailsValue(String stored) {
    try {
      return Json.tree(stored);
    } catch (JacksonException e) {
      return Json.MAPPER.getNodeFactory().stringNode(stored);
    }
  }
}
