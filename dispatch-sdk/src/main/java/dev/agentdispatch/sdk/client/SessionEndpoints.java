package dev.agentdispatch.sdk.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The session API (DESIGN §8) as raw JSON: create sessions, send inputs with a strategy, read and
 * write the state document. Obtained from {@link DispatchClient#sessions()}.
 */
public final class SessionEndpoints {
  private final HttpTransport transport;

  SessionEndpoints(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * Creates a session.
   *
   * @param agent the agent
   * @param function the function every run calls; empty when the agent has exactly one
   * @param sessionId the id to use; empty for a generated one
   * @return the session view
   */
  public JsonNode create(String agent, Optional<String> function, Optional<String> sessionId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent", agent);
    function.ifPresent(f -> body.put("function", f));
    sessionId.ifPresent(s -> body.put("session_id", s));
    return transport.send(
        "POST", transport.namespaced("/sessions"), Optional.of(body), Duration.ZERO);
  }

  /**
   * Returns a session.
   *
   * @param sessionId the session
   * @return the session view
   */
  public JsonNode get(String sessionId) {
    return transport.send("GET", path(sessionId), Optional.empty(), Duration.ZERO);
  }

  /**
   * Sends an input.
   *
   * @param sessionId the session
   * @param input any value Jackson can write
   * @param strategy {@code reject}, {@code enqueue}, {@code interrupt}, {@code rollback} or {@code
   *     steer}
   * @param idempotencyKey a key that makes a resend answer with the first outcome
   * @return {@code {input_id, seq, outcome, status, run_id, deduplicated}}
   */
  public JsonNode send(
      String sessionId, Object input, String strategy, Optional<String> idempotencyKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", input);
    body.put("strategy", strategy);
    idempotencyKey.ifPresent(k -> body.put("idempotency_key", k));
    return transport.send("POST", path(sessionId) + "/inputs", Optional.of(body), Duration.ZERO);
  }

  /**
   * Lists a session's inputs by seq.
   *
   * @param sessionId the session
   * @param runId only the inputs of this run, when present
   * @return {@code {items:[…]}}
   */
  public JsonNode inputs(String sessionId, Optional<String> runId) {
    String query =
        runId.map(r -> "?limit=1000&run_id=" + UrlParts.segment(r)).orElse("?limit=1000");
    return transport.send(
        "GET", path(sessionId) + "/inputs" + query, Optional.empty(), Duration.ZERO);
  }

  /**
   * Returns the current state revision.
   *
   * @param sessionId the session
   * @return {@code {revision, state, run_id, restored_from, created_at}}
   */
  public JsonNode state(String sessionId) {
    return transport.send("GET", path(sessionId) + "/state", Optional.empty(), Duration.ZERO);
  }

  /**
   * Writes a new state revision.
   *
   * @param sessionId the session
   * @param state the new document
   * @param leaseId the writing run's lease (fences the write), when a worker writes
   * @return the new revision
   */
  public JsonNode putState(String sessionId, Object state, Optional<String> leaseId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state);
    leaseId.ifPresent(l -> body.put("lease_id", l));
    return transport.send("PUT", path(sessionId) + "/state", Optional.of(body), Duration.ZERO);
  }

  private String path(String sessionId) {
    return transport.namespaced("/sessions/" + UrlParts.segment(sessionId));
  }
}
