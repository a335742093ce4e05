package dev.agentdispatch.server.app.llm.ledger;

import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallAttribution;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A model call an agent made to a provider directly and reports ({@code POST …/llm/calls}), checked
 * as it is made: every refusal names the field.
 *
 * @param startedAt when the call started; empty: when it is reported
 */
public record ReportedCall(
    CallAttribution who,
    String model,
    String provider,
    TokenUsage usage,
    long latencyMs,
    Optional<Long> ttftMs,
    Optional<String> finishReason,
    Optional<String> error,
    Optional<String> variantName,
    Optional<Instant> startedAt) {
  /** Longest model or provider name. */
  public static final int MAX_NAME = 200;

  /** Longest error message kept. */
  public static final int MAX_ERROR = 4_096;

  /** Longest finish reason. */
  public static final int MAX_FINISH_REASON = 64;

  /**
   * The most tokens of one kind a reported call may have: a billion, far above any model's context,
   * so a call's cost at the highest price stays exact in micro-dollars.
   */
  public static final long MAX_TOKENS = 1_000_000_000L;

  public ReportedCall {
    Objects.requireNonNull(who, "who is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(provider, "provider is null");
    Objects.requireNonNull(usage, "usage is null");
    Objects.requireNonNull(ttftMs, "ttftMs is null");
    Objects.requireNonNull(finishReason, "finishReason is null");
    Objects.requireNonNull(error, "error is null");
    Objects.requireNonNull(variantName, "variantName is null");
    Objects.requireNonNull(startedAt, "startedAt is null");
  }

  /** Whether the call succeeded. */
  public boolean ok() {
    return error.isEmpty();
  }

  /** The wire fields of a report; any optional one null. */
  public record Wire(
      String model,
      String provider,
      Long inputTokens,
      Long outputTokens,
      Long cacheReadTokens,
      Long cacheWriteTokens,
      Long latencyMs,
      Long ttftMs,
      String finishReason,
      String status,
      String error,
      String variantName,
      String agent,
      String traceId,
      String invocationId,
      String sessionId,
      String startedAt) {}

  /** Checks the wire fields of a report in {@code namespace}. */
  public static ReportedCall of(String namespace, Wire w) {
    TokenUsage usage =
        new TokenUsage(
            tokens(w.inputTokens(), "input_tokens", true),
            tokens(w.outputTokens(), "output_tokens", true),
            tokens(w.cacheReadTokens(), "cache_read_tokens", false),
            tokens(w.cacheWriteTokens(), "cache_write_tokens", false));
    Optional<String> error = text(w.error(), "error", MAX_ERROR);
    String status = Optional.ofNullable(w.status()).orElse(error.isPresent() ? "error" : "ok");
    switch (status) {
      case "ok" -> {
        if (error.isPresent()) {
          throw new ServiceException.Invalid("'error' is given but 'status' is 'ok'");
        }
      }
      case "error" -> {
        if (error.isEmpty()) {
          error = Optional.of("error");
        }
      }
      default ->
          throw new ServiceException.Invalid("'status' must be ok or error, got '" + status + "'");
    }
    return new ReportedCall(
        new CallAttribution(
            namespace,
            w.agent() == null ? Optional.empty() : Optional.of(Check.name(w.agent(), "agent")),
            Check.optionalId(w.traceId(), "trace_id"),
            Check.optionalId(w.invocationId(), "invocation_id"),
            Check.optionalId(w.sessionId(), "session_id")),
        text(w.model(), "model", MAX_NAME)
            .orElseThrow(() -> new ServiceException.Invalid("'model' is required")),
        text(w.provider(), "provider", MAX_NAME)
            .orElseThrow(() -> new ServiceException.Invalid("'provider' is required")),
        usage,
        nonNegative(w.latencyMs(), "latency_ms").orElse(0L),
        nonNegative(w.ttftMs(), "ttft_ms"),
        text(w.finishReason(), "finish_reason", MAX_FINISH_REASON),
        error,
        text(w.variantName(), "variant_name", MAX_NAME),
        instant(w.startedAt()));
  }

  private static long tokens(Long value, String field, boolean required) {
    if (value == null) {
      if (required) {
        throw new ServiceException.Invalid("'" + field + "' is required");
      }
      return 0;
    }
    long tokens = nonNegative(value, field).orElseThrow();
    if (tokens > MAX_TOKENS) {
      throw new ServiceException.Invalid(
          "'" + field + "' must be at most " + MAX_TOKENS + ", got " + tokens);
    }
    return tokens;
  }

  private static Optional<Long> nonNegative(Long value, String field) {
    if (value != null && value < 0) {
      throw new ServiceException.Invalid("'" + field + "' must not be negative, got " + value);
    }
    return Optional.ofNullable(value);
  }

  private static Optional<String> text(String value, String field, int max) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank() || value.length() > max) {
      throw new ServiceException.Invalid("'" + field + "' must be 1 to " + max + " characters");
    }
    return Optional.of(value);
  }

  private static Optional<Instant> instant(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new ServiceException.Invalid(
          "'started_at' must be an ISO-8601 UTC time such as 2026-11-21T10:00:00Z, got '"
              + value
              + "'");
    }
  }
}
