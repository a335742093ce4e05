package dev.agentdispatch.server.doors.v1.invocations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.server.protocol.ErrorView;
import dev.agentdispatch.server.protocol.MessageView;
import dev.agentdispatch.store.invocation.AttemptRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    Instant deadline,
    String concurrencyKey,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer keyConcurrency,
    @JsonInclude(JsonInclude.Include.NON_NULL) String lane,
    @JsonInclude(JsonInclude.Include.NON_NULL) String blockedBy) {

  /**
   * One attempt of the history. Its lease id is left out: whoever knows a held lease id can report
   * on it, so only the worker that took the lease is told it.
   */
  public record AttemptView(
      int attempt,
      String workerId,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      ErrorView error) {
    public static AttemptView of(AttemptRecord a) {
      return new AttemptView(
          a.attempt(),
          a.workerId(),
          a.startedAt(),
          a.finishedAt().orElse(null),
          a.outcome().orElse(null),
          a.error().map(ErrorView::of).orElse(null));
    }
  }

  public static InvocationView of(Invocation inv, List<AttemptRecord> attempts) {
    return of(inv, attempts, Optional.empty());
  }

  /**
   * @param blockedBy why flow control holds a pending invocation back ({@code concurrency:key},
   *     {@code paused:agent}, …), when it does
   */
  public static InvocationView of(
      Invocation inv, List<AttemptRecord> attempts, Optional<String> blockedBy) {
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
        st.deadlineAt(),
        s.concurrencyKey().orElse(null),
        s.keyConcurrency().orElse(null),
        s.lane().orElse(null),
        blockedBy.orElse(null));
  }
}
