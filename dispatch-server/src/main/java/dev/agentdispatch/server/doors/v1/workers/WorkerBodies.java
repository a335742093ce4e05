package dev.agentdispatch.server.doors.v1.workers;

import dev.agentdispatch.server.protocol.ResultBody;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Wire forms of the worker endpoints (DESIGN §5). */
public final class WorkerBodies {
  private WorkerBodies() {}

  public record LeaseBody(
      String workerId,
      String agent,
      List<String> functions,
      Integer max,
      Integer waitMs,
      Integer leaseSeconds) {}

  public record HeartbeatBody(String workerId, List<String> leaseIds, Integer leaseSeconds) {}

  public record CompleteBody(String workerId, List<ResultBody> results) {}

  public record EventsBody(String workerId, String leaseId, List<EventBody> events) {}

  public record EventBody(String type, JsonNode data) {}
}
