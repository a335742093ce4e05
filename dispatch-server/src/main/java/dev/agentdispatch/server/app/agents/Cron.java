package dev.agentdispatch.server.app.agents;

import dev.agentdispatch.core.schedule.CronSchedule;
import dev.agentdispatch.server.app.ServiceException;
import java.util.List;
import java.util.Map;

/**
 * Parses cron expressions and zones for registrations and schedules alike, refusing bad ones as
 * unprocessable, naming the problem.
 */
public final class Cron {
  public static final String DEFAULT_ZONE = "UTC";

  private Cron() {}

  public static CronSchedule parse(String cron, String timezone, String where) {
    try {
      return CronSchedule.parse(cron, timezone);
    } catch (IllegalArgumentException e) {
      throw new ServiceException.Unprocessable(
          where + ": " + e.getMessage(), List.of(Map.of("path", where, "message", e.getMessage())));
    }
  }
}
