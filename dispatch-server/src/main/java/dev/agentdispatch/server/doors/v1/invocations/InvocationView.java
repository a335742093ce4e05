package dev.agentdispatch.server.doors.v1.invocations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.store.invocation.AttemptRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An invocation as the API shows it. Payload and result are forwarded as the raw JSON that was
 * stored.
 */
public record InvocationView(
    String invocationId,
    String namespace,
    String agent,
    String function,
    String status,
    @JsonRawValue String payload,
    @JsonRawValue String result,
    ErrorView error,
    int attempt,
    int maxAttempts,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<AttemptView> attempts,
    String traceId,
    String parentId,
    String sessionId,
    int priority,
    MessageView message,
    boolean cancelRequested,
    boolean deadLettered,
    String idempotencyKey,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant availableAt,
    Instant deadline) {

  /**
   * {@code {error, error_type, trace?, details?}}. {@code details} is any JSON value, parsed and
   * written as a value, never spliced as text: a worker's details can't break the JSON of a read.
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

    /** Stored details as a JSON value; text that is not JSON (older rows) as a string. */
    private static JsonNode detailsValue(String stored) {
      try {
        return Json.tree(stored);
      } catch (JacksonException e) {
        return Json.MAPPER.getNodeFactory().stringNode(stored);
      }
    }

    /** The details to store: the value's JSON text, or empty for none (absent or null). */
    public Optional<String> detailsJson() {
      return Optional.ofNullable(details).filter(d -> !d.isNull()).map(Json::write);
    }
  }

  /**
   * {@code {type, topic?, schedule_name?, uid?, sender_id?}}; {@code uid} is the event's for topic
   * messages.
   */
  public record MessageView(
      String type,
      @JsonInclude(JsonInclude.Include.NON_NULL) String topic,
      @JsonInclude(JsonInclude.Include.NON_NULL) String scheduleName,
      @JsonInclude(JsonInclude.Include.NON_NULL) String uid,
      @JsonInclude(JsonInclude.Include.NON_NULL) String senderId) {
    public static MessageView of(Message m) {
      return new MessageView(
          m.kind().wire(),
          m.topic().orElse(null),
          m.scheduleName().orElse(null),
          m.eventId().orElse(null),
          m.senderId().orElse(null));
    }
  }

  /** One attempt of the history. */
  public record AttemptView(
      int attempt,
      String leaseId,
      String workerId,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      ErrorView error) {
    public static AttemptView of(AttemptRecord a) {
      return new AttemptView(
          a.attempt(),
          a.leaseId(),
          a.workerId(),
          a.startedAt(),
          a.finishedAt().orElse(null),
          a.outcome().orElse(null),
          a.error().map(ErrorView::of).orElse(null));
    }
  }

  public static InvocationView of(Invocation inv, List<AttemptRecord> attempts) {
    InvocationSpec s = inv.spec();
    InvocationState st = inv.state();
    return new InvocationView(
        s.id(),
        s.namespace(),
        s.agent(),
        s.function(),
        st.status().wire(),
        s.payloadJson(),
        st.resultJson().orElse(null),
        st.error().map(ErrorView::of).orElse(null),
        st.attempt(),
        s.retry().maxAttempts(),
        attempts == null ? null : attempts.stream().map(AttemptView::of).toList(),
        s.traceId(),
        s.parentId().orElse(null),
        s.sessionId().orElse(null),
        s.priority(),
        MessageView.of(s.message()),
        st.cancelRequested(),
        st.deadLettered(),
        s.idempotencyKey().orElse(null),
        s.createdAt(),
        st.startedAt().orElse(null),
        st.finishedAt().orElse(null),
        st.availableAt(),
        st.deadlineAt());
  }
}
