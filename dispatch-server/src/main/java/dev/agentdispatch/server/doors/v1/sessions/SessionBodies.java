package dev.agentdispatch.server.doors.v1.sessions;

import tools.jackson.databind.JsonNode;

/** Wire forms of the session endpoints (DESIGN §8). */
public final class SessionBodies {
  private SessionBodies() {}

  /** {@code POST /sessions}. */
  public record CreateBody(
      String agent,
      String function,
      String sessionId,
      JsonNode metadata,
      JsonNode state,
      String lane) {}

  /** {@code POST /sessions/{sid}/inputs}; {@code strategy} defaults to {@code enqueue}. */
  public record InputBody(JsonNode input, String strategy, String idempotencyKey) {}

  /**
   * {@code PUT /sessions/{sid}/state}.
   *
   * @param expectedRevision optimistic check: write only if this is still the current revision
   * @param leaseId a worker writing for its run names its lease, which fences the write
   */
  public record StateBody(JsonNode state, Long expectedRevision, String leaseId) {}
}
