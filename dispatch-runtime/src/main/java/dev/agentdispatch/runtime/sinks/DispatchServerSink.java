package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEventStatus;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reports agent events and LLM usage to the Agent Dispatch server's invocation event log, through
 * an {@link InvocationEventReporter} the SDK supplies when the agent runs inside a worker.
 *
 * <p>Mapping:
 *
 * <ul>
 *   <li>events whose status is failed, cancelled, red or blocked → {@code log} with {@code level}
 *       ("error" for failed/cancelled, "warn" otherwise), a one-line {@code message} and the event;
 *   <li>every other event → {@code progress} with the event;
 *   <li>each usage record → {@code custom} with {@code kind: "llm_usage"}, the model, the token
 *       counts and {@code cost_usd}.
 * </ul>
 *
 * Every payload carries the event's wire map under {@code "event"}, so nothing is lost.
 */
public final class DispatchServerSink implements EventSink, UsageSink {
  private final InvocationEventReporter reporter;

  public DispatchServerSink(InvocationEventReporter reporter) {
    this.reporter = Objects.requireNonNull(reporter, "reporter is null");
  }

  @Override
  public void emit(AgentEvent event) {
    Map<String, Object> data = new LinkedHashMap<>();
    AgentEventStatus status = event.status();
    boolean failure = status == AgentEventStatus.FAILED || status == AgentEventStatus.CANCELLED;
    boolean warning = status == AgentEventStatus.RED || status == AgentEventStatus.BLOCKED;
    if (failure || warning) {
      data.put("level", failure ? "error" : "warn");
      data.put("message", event.event().value() + event.detail().map(d -> ": " + d).orElse(""));
    }
    data.put("event", event.toMap());
    reporter.report(
        failure || warning ? InvocationEventType.LOG : InvocationEventType.PROGRESS, data);
  }

  @Override
  public void record(String model, UsageSnapshot usage, double costUsd) {
    UsageRecord r = new UsageRecord(model, usage, costUsd);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kind", "llm_usage");
    data.put("model", r.model());
    data.putAll(r.usage().toMap());
    data.put("cost_usd", r.costUsd());
    reporter.report(InvocationEventType.CUSTOM, data);
  }
}
