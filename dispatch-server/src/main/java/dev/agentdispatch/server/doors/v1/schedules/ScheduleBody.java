package dev.agentdispatch.server.doors.v1.schedules;

import tools.jackson.databind.JsonNode;

/** Wire form of {@code POST /schedules} and (all fields optional) {@code PATCH /schedules/{id}}. */
public record ScheduleBody(
    String name,
    String agent,
    String function,
    String cron,
    String timezone,
    JsonNode payload,
    Boolean paused,
    String overlap,
    String catchup) {}
