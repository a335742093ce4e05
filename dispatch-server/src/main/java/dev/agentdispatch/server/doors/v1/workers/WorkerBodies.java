package dev.agentdispatch.server.doors.v1.workers;

import dev.agentdispatch.server.doors.v1.invocations.InvocationView.ErrorView;
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

  /**
   * {@code status} is {@code completed}, {@code error}, {@code cancelled} or {@code
   * waiting_for_input} (a session run pausing, with {@code prompt}: what it waits for). {@code
   * consumed_inputs} lists the steered inputs the run took (their ids), recorded with the result.
   */
  public record ResultBody(
      String leaseId,
      String status,
      JsonNode result,
      ErrorView error,
      Boolean retryable,
      JsonNode prompt,
      List<String> consumedInputs) {}

  public record EventsBody(String workerId, String leaseId, List<EventBody> events) {}

  public record EventBody(String type, JsonNode data) {}
}
