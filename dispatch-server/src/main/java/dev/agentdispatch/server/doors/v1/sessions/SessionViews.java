package dev.agentdispatch.server.doors.v1.sessions;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.store.session.SessionEvent;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.StateRevision;
import java.time.Instant;

/** What the session endpoints answer with. */
public final class SessionViews {
  private SessionViews() {}

  /**
   * A session. {@code status} is {@code idle} with no active run, else the active run's status
   * ({@code pending}, {@code running}, {@code waiting_for_input}).
   */
  public record SessionView(
      String sessionId,
      String agent,
      String function,
      @JsonRawValue String metadata,
      String status,
      String activeRunId,
      long stateRevision,
      long queuedInputs,
      long lastEventSeq,
      Instant createdAt,
      Instant updatedAt) {
    public static SessionView of(SessionRecord s) {
      return new SessionView(
          s.id(),
          s.agent(),
          s.function(),
          s.metadataJson(),
          s.activeRunStatus().map(st -> st.wire()).orElse("idle"),
          s.activeRunId().orElse(null),
          s.stateRevision(),
          s.queuedInputs(),
          s.lastEventSeq(),
          s.createdAt(),
          s.updatedAt());
    }
  }

  /** A stored input; {@code outcome} never changes, {@code status} moves on. */
  public record InputView(
      String inputId,
      String sessionId,
      long seq,
      @JsonRawValue String input,
      String strategy,
      String outcome,
      String status,
      String runId,
      String idempotencyKey,
      Instant createdAt) {
    public static InputView of(SessionInput i) {
      return new InputView(
          i.id(),
          i.sessionId(),
          i.seq(),
          i.inputJson(),
          i.strategy().wire(),
          i.outcome().wire(),
          i.status().wire(),
          i.runId().orElse(null),
          i.idempotencyKey().orElse(null),
          i.createdAt());
    }
  }

  /** The answer to an input: where it went, and whether it repeated an earlier idempotency key. */
  public record SubmittedView(
      String inputId, long seq, String outcome, String status, String runId, boolean deduplicated) {
    public static SubmittedView of(SessionService.Submitted s) {
      var i = s.input();
      return new SubmittedView(
          i.id(),
          i.seq(),
          i.outcome().wire(),
          i.status().wire(),
          i.runId().orElse(null),
          s.deduplicated());
    }
  }

  public record StateView(
      long revision,
      @JsonRawValue String state,
      String runId,
      Long restoredFrom,
      Instant createdAt) {
    public static StateView of(StateRevision r) {
      return new StateView(
          r.revision(),
          r.stateJson(),
          r.runId().orElse(null),
          r.restoredFrom().orElse(null),
          r.createdAt());
    }
  }

  /** One entry of a session's log; {@code run_id} is set on entries copied from a run's log. */
  public record SessionEventView(
      long seq, Instant at, String type, String runId, @JsonRawValue String data) {
    public static SessionEventView of(SessionEvent e) {
      return new SessionEventView(e.seq(), e.at(), e.type(), e.runId().orElse(null), e.dataJson());
    }
  }
}
