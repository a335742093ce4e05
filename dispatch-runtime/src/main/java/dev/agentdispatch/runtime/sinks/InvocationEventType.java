package dev.agentdispatch.runtime.sinks;

import java.util.Locale;

/**
 * The event types the Agent Dispatch server's invocation event log accepts ({@code POST
 * /v1/namespaces/{ns}/workers/events}).
 */
public enum InvocationEventType {
  LOG,
  PROGRESS,
  OUTPUT,
  CUSTOM;

  /** The wire value, e.g. {@code "progress"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
