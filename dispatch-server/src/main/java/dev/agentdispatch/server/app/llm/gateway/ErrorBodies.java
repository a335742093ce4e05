package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.server.app.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors in each provider's own shape, so a client library pointed at the gateway surfaces them as
 * it would the provider's: OpenAI {@code {"error": {message, type, code}}}, Anthropic {@code
 * {"type": "error", "error": {type, message}}}.
 */
public final class ErrorBodies {
  private ErrorBodies() {}

  /**
   * The error body in {@code format}'s shape.
   *
   * @param status the HTTP status it goes with (it picks the error's type)
   * @param code a stable machine-readable reason, e.g. {@code budget_exceeded}
   */
  public static Map<String, Object> body(
      LlmFormat format, int status, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    if (format == LlmFormat.ANTHROPIC) {
      error.put("type", anthropicType(status));
      error.put("message", message);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("type", "error");
      out.put("error", error);
      return out;
    }
    error.put("message", message);
    error.put("type", openAiType(status));
    error.put("param", null);
    error.put("code", code);
    return Map.of("error", error);
  }

  static byte[] bytes(LlmFormat format, int status, String code, String message) {
    return Json.MAPPER.writeValueAsBytes(body(format, status, code, message));
  }

  /**
   * The event that ends a stream that broke after its first byte: OpenAI clients raise on a {@code
   * data:} chunk holding {@code error}; Anthropic's send {@code event: error}.
   */
  static byte[] streamEvent(LlmFormat format, String message) {
    String json = Json.write(body(format, 502, "upstream_error", message));
    String event =
        format == LlmFormat.ANTHROPIC
            ? "event: error\ndata: " + json + "\n\n"
            : "data: " + json + "\n\n";
    return event.getBytes(StandardCharsets.UTF_8);
  }

  private static String openAiType(int status) {
    return switch (status) {
      case 400, 404, 413, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "upstream_error" : "invalid_request_error";
    };
  }

  private static String anthropicType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
