package dev.agentdispatch.server.logging;

import dev.agentdispatch.core.invocation.Invocation;
import java.util.List;
import org.slf4j.MDC;

/**
 * The ids a log line is about, kept in the logging MDC (and so in every JSON log line, {@code
 * --log-format json}) while a node works on something: a request, a push attempt, a schedule fire.
 */
public final class LogIds implements AutoCloseable {
  public static final String TRACE_ID = "trace_id";
  public static final String INVOCATION_ID = "invocation_id";
  public static final String SESSION_ID = "session_id";
  public static final String AGENT = "agent";
  public static final String NAMESPACE = "namespace";
  public static final String SCHEDULE = "schedule";

  private final List<String> keys;

  private LogIds(List<String> keys) {
    this.keys = keys;
  }

  /** Puts the ids of {@code inv} until {@link #close()}. */
  public static LogIds of(Invocation inv) {
    MDC.put(NAMESPACE, inv.spec().namespace());
    MDC.put(AGENT, inv.spec().agent());
    MDC.put(INVOCATION_ID, inv.id());
    MDC.put(TRACE_ID, inv.spec().traceId());
    inv.spec().sessionId().ifPresent(s -> MDC.put(SESSION_ID, s));
    return new LogIds(List.of(NAMESPACE, AGENT, INVOCATION_ID, TRACE_ID, SESSION_ID));
  }

  /** Puts the schedule's namespace, agent and name until {@link #close()}. */
  public static LogIds ofSchedule(String namespace, String agent, String schedule) {
    MDC.put(NAMESPACE, namespace);
    MDC.put(AGENT, agent);
    MDC.put(SCHEDULE, schedule);
    return new LogIds(List.of(NAMESPACE, AGENT, SCHEDULE));
  }

  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }
}
