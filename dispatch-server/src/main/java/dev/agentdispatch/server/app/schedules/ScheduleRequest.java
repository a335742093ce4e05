package dev.agentdispatch.server.app.schedules;

import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.Overlap;
import dev.agentdispatch.server.app.ServiceException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a schedule a caller sets: all of the required ones to create, any of the changeable
 * ones to update. Enumerated values are parsed here, so a bad one is refused before anything is
 * read.
 */
public record ScheduleRequest(
    Optional<String> name,
    Optional<String> agent,
    Optional<String> function,
    Optional<String> cron,
    Optional<String> timezone,
    Optional<JsonNode> payload,
    Optional<Boolean> paused,
    Optional<Overlap> overlap,
    Optional<Catchup> catchup) {

  public ScheduleRequest {
    payload.ifPresent(p -> {
      if (!p.isObject()) {
        throw new ServiceException.Invalid("payload must be a JSON object");
      }
    });
  }

  /** From wire values, any of them null. */
  public static ScheduleRequest of(
      String name,
      String agent,
      String function,
      String cron,
      String timezone,
      JsonNode payload,
      Boolean paused,
      String overlap,
      String catchup) {
    return new ScheduleRequest(
        Optional.ofNullable(name),
        Optional.ofNullable(agent),
        Optional.ofNullable(function),
        Optional.ofNullable(cron),
        Optional.ofNullable(timezone),
        Optional.ofNullable(payload),
        Optional.ofNullable(paused),
        Optional.ofNullable(overlap)
            .map(v ->
                Overlap.parse(v)
                    .orElseThrow(() ->
                        new ServiceException.Unprocessable(
                            "overlap must be skip or allow, got '" + v + "'", List.of()))),
        Optional.ofNullable(catchup)
            .map(v ->
                Catchup.parse(v)
                    .orElseThrow(() ->
                        new ServiceException.Unprocessable(
                            "catchup must be one or none, got '" + v + "'", List.of()))));
  }
}
