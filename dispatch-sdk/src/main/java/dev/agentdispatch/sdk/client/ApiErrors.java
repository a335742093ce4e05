package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Maps an HTTP error response to a {@link DispatchApiException}, in one place. */
final class ApiErrors {
  private static final int MAX_RAW_BODY = 500;

  private ApiErrors() {}

  static DispatchApiException from(int status, String body, String request) {
    JsonNode error = parse(body).path("error");
    if (!error.isObject()) {
      // Not our error body (a proxy, or a crash page): keep the raw text for the reader.
      return new DispatchApiException(status, "http_" + status, raw(body), null, request);
    }
    String code = error.path("code").asString("http_" + status);
    String message = error.path("message").asString(raw(body));
    return new DispatchApiException(status, code, message, error.get("details"), request);
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank()
          ? Json.wire().missingNode()
          : Json.wire().readTree(body);
    } catch (JacksonException notJson) {
      return Json.wire().missingNode();
    }
  }

  private static String raw(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String text = body.strip();
    return text.length() <= MAX_RAW_BODY ? text : text.substring(0, MAX_RAW_BODY) + "...";
  }
}
