package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.SessionEndpoints;
import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The session side of one leased run: its state document (writes fenced by the lease) and its waits
 * for input, replayed from the inputs that resumed the run so far.
 */
final class SessionRun {
  private final SessionEndpoints sessions;
  private final Lease lease;
  private final String sessionId;
  private List<JsonNode> resumes;
  private int waits;

  SessionRun(SessionEndpoints sessions, Lease lease) {
    this.sessions = sessions;
    this.lease = lease;
    this.sessionId = lease.sessionId().orElseThrow();
  }

  SessionContext session() {
    return new SessionContext() {
      @Override
      public String id() {
        return sessionId;
      }

      @Override
      public SessionState state() {
        return new SessionState() {
          @Override
          public JsonNode get() {
            return sessions.state(sessionId).path("state");
          }

          @Override
          public <T> T get(Class<T> type) {
            return Json.fromTree(get(), type);
          }

          @Override
          public long put(Object state) {
            return sessions
                .putState(sessionId, Json.toTree(state), Optional.of(lease.leaseId()))
                .path("revision")
                .asLong();
          }
        };
      }
    };
  }

  /**
   * Returns the input that answered this wait, or throws {@link WaitingForInput} when none has yet.
   */
  synchronized JsonNode waitForInput(Object prompt) {
    if (resumes == null) {
      resumes = new ArrayList<>();
      for (JsonNode in :
          sessions.inputs(sessionId, Optional.of(lease.invocationId())).path("items")) {
        if ("resumed".equals(in.path("status").asString())) {
          resumes.add(in.path("input"));
        }
      }
    }
    int index = waits++;
    if (index < resumes.size()) {
      return resumes.get(index);
    }
    throw new WaitingForInput(Json.toTree(prompt));
  }
}
