package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Maps an HTTP error response to a {@link DispatchApiException}, in one place. */
final class ApiErrors {
  private static final int MAX_RAW_BODY = 500;

  private ApiErrors() {}

  static DispatchApiException from(
      int status, String body, String request, Optional<String> retryAfterHeader, Clock clock) {
    Optional<Duration> retryAfter = retryAfterHeader.flatMap(h -> retryAfter(h, clock));
    JsonNode error = parse(body).path("error");
    if (!error.isObject()) {
      // Not our error body (a proxy, or a crash page): keep the raw text for the reader.
      return new DispatchApiException(
          status, "http_" + status, raw(body), null, request, retryAfter);
    }
    String code = error.path("code").asString("http_" + status);
    String message = error.path("message").asString(raw(body));
    return new DispatchApiException(
        status, code, message, error.get("details"), request, retryAfter);
  }

  /** A {@code Retry-After} value: delay-seconds or an HTTP date; empty when it is neither. */
  static Optional<Duration> retryAfter(String header, Clock clock) {
    String value = header.trim();
    if (value.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
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
