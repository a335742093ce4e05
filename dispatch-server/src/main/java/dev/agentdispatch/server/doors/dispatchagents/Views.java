package dev.agentdispatch.server.doors.dispatchagents;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationState;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the dispatch-agents API answers with, field for field as its SDK reads it. */
final class Views {
  private Views() {}

  record Health(String status, String service) {
    /** The real CLI accepts a local router only when {@code service} is exactly this. */
    static final Health OK = new Health("healthy", "dispatch-local-router");
  }

  record Registered(String message, String url) {}

  record Subscribed(
      String message, List<String> topics, String agentName, Map<String, Integer> subscribers) {}

  record Invoked(String invocationId, String traceId, String status) {}

  /**
   * {@code GET invoke/{id}}. The SDK stops polling only on exactly {@code completed} or {@code
   * error}, so every status of ours maps onto its four; {@code result} is the handler's value,
   * unwrapped.
   */
  record InvocationStatus(
      String invocationId,
      String status,
      String agentName,
      String functionName,
      String traceId,
      @JsonRawValue String result,
      String error,
      String createdAt) {
    static InvocationStatus of(Invocation inv) {
      InvocationState st = inv.state();
      return new InvocationStatus(
          inv.id(),
          status(inv),
          inv.spec().agent(),
          inv.spec().function(),
          inv.spec().traceId(),
          st.resultJson().filter(r -> inv.status().wire().equals("completed")).orElse(null),
          error(inv),
          inv.spec().createdAt().toString());
    }

    private static String status(Invocation inv) {
      return switch (inv.status()) {
        case PENDING -> "pending";
        case RUNNING, WAITING_FOR_INPUT -> "running";
        case COMPLETED -> "completed";
        case ERROR, CANCELLED, TIMED_OUT -> "error";
      };
    }

    private static String error(Invocation inv) {
      return switch (inv.status()) {
        case ERROR -> inv.state().error().map(e -> e.type() + ": " + e.message()).orElse("error");
        case CANCELLED -> "cancelled";
        case TIMED_OUT ->
            inv.state().error().map(e -> "timed out: " + e.message()).orElse("timed out");
        default -> null;
      };
    }
  }

  /** The SDK's memory models forbid extra fields: these answers are exactly what it reads. */
  record Message(String message) {}

  record MemoryValue(String value) {}

  record SessionData(JsonNode sessionData) {}

  record AgentMemories(String agentName, List<Memory> memories) {
    record Memory(String memKey, String memValue, String lastUpdated) {}
  }

  /**
   * {@code agents/{name}/stop}. The server cannot end the agent's process; it pauses dispatch to
   * the agent, as the hosted platform's stop disables it, keeping its pending work (the reference
   * router forgets the agent instead, which would lose nothing here only by accident).
   */
  record Stopped(String message, String detail, String warning) {}

  record Published(String message, String eventUid, List<String> invocationIds, int handlerCount) {}
}
