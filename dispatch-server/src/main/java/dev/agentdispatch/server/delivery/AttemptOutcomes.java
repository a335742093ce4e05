package dev.agentdispatch.server.delivery;

import com.agentservice.v1.InvokeResponse;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.store.invocation.Completion;
import io.grpc.Status;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Decodes how a pushed attempt ended into the report a pull worker would have made. Every failure
 * is reported retryable: the function's retry policy ({@code non_retryable_errors}) decides.
 */
final class AttemptOutcomes {
  /** Error type of a response that is not the SDK's JSON envelope. */
  static final String INVALID_RESPONSE = "InvalidAgentResponse";

  /** Error type of an {@code is_error} response that names no type. */
  static final String AGENT_ERROR = "AgentError";

  private AttemptOutcomes() {}

  /**
   * An answer: {@code {"result": value}} completes with the value itself; {@code is_error} carries
   * {@code {"error", "error_type", "trace", "details"}}.
   */
  static Completion fromResponse(String leaseId, InvokeResponse response) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.getResult().getData().toStringUtf8());
    } catch (JacksonException e) {
      return failed(leaseId, INVALID_RESPONSE, "the agent's result is not JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      return failed(leaseId, INVALID_RESPONSE, "the agent's result is not a JSON object");
    }
    if (!response.getIsError()) {
      if (!body.has("result")) {
        return failed(leaseId, INVALID_RESPONSE, "the agent's result has no 'result' field");
      }
      return new Completion.Completed(leaseId, Json.write(body.get("result")));
    }
    String message = text(body, "error").orElse("the agent reported an error without a message");
    String type = text(body, "error_type").orElse(AGENT_ERROR);
    Optional<String> details =
        Optional.ofNullable(body.get("details")).filter(d -> !d.isNull()).map(Json::write);
    return new Completion.Failed(
        leaseId, new ErrorInfo(message, type, text(body, "trace"), details), true);
  }

  /**
   * A failed call: its status, e.g. {@code GrpcUnavailable} "gRPC UNAVAILABLE: io exception
   * (Connection refused…)"; a deadline hit is the attempt's timeout.
   */
  static Completion fromStatus(String leaseId, Status status) {
    StringBuilder message = new StringBuilder("gRPC ").append(status.getCode());
    if (status.getDescription() != null) {
      message.append(": ").append(status.getDescription());
    }
    if (status.getCause() != null && status.getCause().getMessage() != null) {
      message.append(" (").append(status.getCause().getMessage()).append(')');
    }
    String type =
        status.getCode() == Status.Code.DEADLINE_EXCEEDED
            ? ErrorInfo.ATTEMPT_TIMED_OUT
            : "Grpc" + pascal(status.getCode().name());
    return failed(leaseId, type, message.toString());
  }

  private static Completion failed(String leaseId, String type, String message) {
    return new Completion.Failed(leaseId, ErrorInfo.of(type, message), true);
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    String text = value.isString() ? value.asString() : Json.write(value);
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** {@code DEADLINE_EXCEEDED} → {@code DeadlineExceeded}. */
  private static String pascal(String constant) {
    StringBuilder out = new StringBuilder();
    for (String word : constant.split("_")) {
      if (!word.isEmpty()) {
        out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return out.toString();
  }
}
