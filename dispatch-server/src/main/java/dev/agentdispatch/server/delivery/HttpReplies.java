package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.protocol.ResultBody;
import dev.agentdispatch.store.invocation.Completion;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Decodes how an HTTP push ended into the report a pull worker would have made. A 2xx answer is a
 * worker's result ({@link ResultBody}, its {@code lease_id} optional); everything else fails the
 * attempt retryably, and the function's retry policy decides ({@code non_retryable_errors} may name
 * e.g. {@code Http400}).
 */
final class HttpReplies {
  /** Error type of a failed connection, TLS handshake or exchange. */
  static final String UNAVAILABLE = "HttpUnavailable";

  /** Error type of a call stopped by the server itself (a cancel, a lost lease, shutdown). */
  static final String CANCELLED = "HttpCancelled";

  /** How much of a non-2xx answer's body the error message quotes. */
  private static final int QUOTED_CHARS = 300;

  private HttpReplies() {}

  /** An answer with status {@code status} and body {@code body}. */
  static PushOutcome fromResponse(String leaseId, Delivery.Http target, int status, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (status < 200 || status > 299) {
      return PushOutcome.answered(
          failed(
              leaseId,
              "Http" + status,
              "HTTP " + status + " from POST " + target.url() + quote(text)));
    }
    if (text.isBlank()) {
      return invalid(leaseId, "the agent answered " + status + " with no body");
    }
    ResultBody result;
    try {
      result = Json.MAPPER.readValue(text, ResultBody.class);
    } catch (UnrecognizedPropertyException e) {
      return invalid(
          leaseId, "the agent's answer has an unknown field '" + e.getPropertyName() + "'");
    } catch (JacksonException e) {
      return invalid(
          leaseId, "the agent's answer is not a result object: " + e.getOriginalMessage());
    }
    if (result == null) {
      return invalid(leaseId, "the agent's answer is null, not a result object");
    }
    if (result.leaseId() != null && !result.leaseId().equals(leaseId)) {
      return invalid(
          leaseId,
          "the agent answered for lease '"
              + result.leaseId()
              + "', not this attempt's '"
              + leaseId
              + "'");
    }
    try {
      return PushOutcome.answered(result.forLease(leaseId).completion("the agent's answer"));
    } catch (ServiceException.Invalid e) {
      return invalid(leaseId, e.getMessage());
    }
  }

  /** A call that got no answer: it could not connect, timed out, or was stopped. */
  static PushOutcome fromFailure(
      String leaseId, Delivery.Http target, Duration timeout, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    Completion report =
        switch (cause) {
          case HttpTimeoutException t ->
              failed(
                  leaseId,
                  ErrorInfo.ATTEMPT_TIMED_OUT,
                  "no answer from POST " + target.url() + " within " + timeout.toMillis() + " ms");
          case CancellationException c -> failed(leaseId, CANCELLED, "the push was stopped");
          default ->
              failed(
                  leaseId,
                  UNAVAILABLE,
                  "POST "
                      + target.url()
                      + " failed: "
                      + cause.getClass().getSimpleName()
                      + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        };
    return PushOutcome.unanswered(report);
  }

  private static PushOutcome invalid(String leaseId, String message) {
    return PushOutcome.answered(failed(leaseId, AttemptOutcomes.INVALID_RESPONSE, message));
  }

  private static Completion failed(String leaseId, String type, String message) {
    return new Completion.Failed(leaseId, ErrorInfo.of(type, message), true);
  }

  private static String quote(String body) {
    if (body.isBlank()) {
      return "";
    }
    String trimmed = body.strip();
    return ": "
        + (trimmed.length() > QUOTED_CHARS ? trimmed.substring(0, QUOTED_CHARS) + "…" : trimmed);
  }
}
