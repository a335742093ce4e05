package dev.agentdispatch.server.doors.v1.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.task.IssueRef;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.server.app.tasks.TaskService;
import dev.agentdispatch.store.task.TaskHistoryEntry;
import java.time.Instant;
import java.util.List;

/**
 * A task as the API shows it: what was asked, where it stands and why, and links to the invocation
 * and trace of its latest dispatch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TaskView(
    String id,
    String namespace,
    String title,
    String description,
    List<String> acceptanceCriteria,
    String taskType,
    String requestedType,
    String pinnedAgent,
    IssueRef issue,
    int priority,
    String idempotencyKey,
    Instant deadline,
    String status,
    String reason,
    String agent,
    int attempts,
    List<String> triedAgents,
    @JsonRawValue String result,
    String verifier,
    Boolean verifying,
    Links links,
    Instant createdAt,
    Instant updatedAt,
    List<HistoryView> history,
    Boolean deduplicated) {

  /** Where to look next: the latest dispatch invocation and the trace of all of them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Links(String invocation, String trace, String traceId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HistoryView(
      int seq,
      Instant at,
      String event,
      String status,
      String reason,
      @JsonRawValue String details) {
    static HistoryView of(TaskHistoryEntry h) {
      return new HistoryView(
          h.seq(), h.at(), h.event(), h.status().wire(), h.reason(), h.detailsJson().orElse(null));
    }
  }

  static TaskView of(Task t) {
    return of(t, null, null);
  }

  static TaskView of(Task t, List<TaskHistoryEntry> history, Boolean deduplicated) {
    var s = t.spec();
    var st = t.state();
    String base = "/v1/namespaces/" + s.namespace();
    String traceId = TaskService.traceId(t.id());
    return new TaskView(
        t.id(),
        s.namespace(),
        s.title(),
        s.description().orElse(null),
        s.acceptanceCriteria(),
        st.taskType(),
        s.taskType().orElse(null),
        s.agent().orElse(null),
        s.issue().orElse(null),
        s.priority(),
        s.idempotencyKey().orElse(null),
        s.deadline().orElse(null),
        st.status().wire(),
        st.reason(),
        st.agent().orElse(null),
        st.attempt(),
        st.triedAgents(),
        st.resultJson().orElse(null),
        s.policy().verifier().map(v -> v.wire()).orElse(null),
        st.verifying() ? Boolean.TRUE : null,
        new Links(
            st.invocationId().map(id -> base + "/invocations/" + id).orElse(null),
            base + "/traces/" + traceId,
            traceId),
        s.createdAt(),
        st.updatedAt(),
        history == null ? null : history.stream().map(HistoryView::of).toList(),
        deduplicated);
  }
}
