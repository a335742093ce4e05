package dev.agentdispatch.server.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.invocation.ErrorInfo;

/**
 * {@code {error, error_type, trace?, details?}}: why an attempt or invocation failed, as shown and
 * as a worker (or an HTTP push agent) reports it.
 */
public record ErrorView(
    String error,
    String errorType,
    @JsonInclude(JsonInclude.Include.NON_NULL) String trace,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue String details) {
  public static ErrorView of(ErrorInfo e) {
    return new ErrorView(
        e.message(), e.type(), e.trace().orElse(null), e.detailsJson().orElse(null));
  }
}
