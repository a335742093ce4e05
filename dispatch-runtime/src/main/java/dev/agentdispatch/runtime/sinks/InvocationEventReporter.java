package dev.agentdispatch.runtime.sinks;

import java.util.Map;

/**
 * Sends one event to the invocation the current worker is executing. The runtime has no dependency
 * on the SDK; the SDK provides the implementation, which posts {@code {worker_id, lease_id, events:
 * [{type, data}]}} to {@code POST /v1/namespaces/{ns}/workers/events} (batching is the adapter's
 * business).
 *
 * <p>{@code data} is JSON-able: maps, lists, strings, numbers, booleans.
 */
@FunctionalInterface
public interface InvocationEventReporter {
  void report(InvocationEventType type, Map<String, Object> data);
}
