package dev.agentdispatch.server.doors.dispatchagents;

import dev.agentdispatch.server.app.schemas.SchemaValidator;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FastAPI's error bodies, which the dispatch_agents SDK and CLI read: {@code {"detail": "text"}},
 * and for a payload that breaks its schema the validation list {@code {"detail": [{"loc", "msg",
 * "type"}]}}.
 */
final class DetailShape implements ErrorShape {
  static final DetailShape INSTANCE = new DetailShape();

  private DetailShape() {}

  @Override
  public Object body(ApiException e) {
    if (e.details().orElse(null) instanceof List<?> list
        && !list.isEmpty()
        && list.stream().allMatch(v -> v instanceof SchemaValidator.Violation)) {
      List<Map<String, Object>> detail = new ArrayList<>();
      for (Object o : list) {
        SchemaValidator.Violation v = (SchemaValidator.Violation) o;
        detail.add(
            Map.of(
                "loc",
                List.of("body", "payload", v.path()),
                "msg",
                v.message(),
                "type",
                v.keyword() == null ? "value_error" : v.keyword()));
      }
      return Map.of("detail", detail);
    }
    return Map.of("detail", e.getMessage());
  }
}
