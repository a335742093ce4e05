package dev.agentdispatch.server.schedules;

import dev.agentdispatch.core.schedule.CronSchedule;
import dev.agentdispatch.server.api.ApiException;
import java.util.List;
import java.util.Map;

/** Parses cron expressions and zones at the API's edge, refusing bad ones with 422 naming the problem. */
final class Cron {
  static final String DEFAULT_ZONE = "UTC";

  private Cron() {}

  static CronSchedule parse(String cron, String timezone, String where) {
    try {
      return CronSchedule.parse(cron, timezone);
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable(where + ": " + e.getMessage(), List.of(Map.of("path", where, "message", e.getMessage())));
    }
  }
}
