package dev.agentdispatch.server.schedules;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.CronSchedule;
import dev.agentdispatch.core.schedule.Overlap;
import dev.agentdispatch.server.agents.AgentService;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import dev.agentdispatch.store.schedule.ScheduleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Schedules made through the API: validated, then stored with their next fire time. */
public final class ScheduleService {
  private final ScheduleStore store;
  private final AgentService agents;
  private final Clock clock;

  public ScheduleService(ScheduleStore store, AgentService agents, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  public ScheduleRecord create(String namespace, ScheduleBody body) {
    String agent = Names.require(required(body.agent(), "agent"), "agent");
    String function = Names.require(required(body.function(), "function"), "function");
    AgentSpec spec = agents.spec(namespace, agent).orElseThrow(() -> ApiException.notFound(
        "agent '" + agent + "' is not registered in namespace '" + namespace + "'"));
    spec.function(function).orElseThrow(() -> ApiException.notFound("agent '" + agent + "' has no function '" + function + "'"));
    String zone = Optional.ofNullable(body.timezone()).orElse(Cron.DEFAULT_ZONE);
    CronSchedule cron = Cron.parse(required(body.cron(), "cron"), zone, "cron");
    String id = Ids.uuid7();
    String name = Optional.ofNullable(body.name()).map(n -> Names.require(n, "schedule name")).orElse(id);
    boolean paused = Boolean.TRUE.equals(body.paused());
    Instant now = clock.instant();
    ScheduleRecord s = new ScheduleRecord(id, namespace, name, agent, function, cron.expression(), zone, payload(body),
        paused, overlap(body.overlap()).orElse(Overlap.SKIP), catchup(body.catchup()).orElse(Catchup.ONE), false,
        cron.nextAfter(now), Optional.empty(), Optional.empty(), now, now);
    return store.insert(s); // a taken name is a ConflictException, answered 409 name_taken by ErrorMapper
  }

  public ScheduleRecord get(String namespace, String id) {
    return store.find(namespace, id).orElseThrow(() -> notFound(namespace, id));
  }

  public List<ScheduleRecord> list(String namespace, Optional<String> agent) {
    return store.list(namespace, agent);
  }

  /** Changes what the body names; a new cron or zone, or a resume, recomputes the next fire from now. */
  public ScheduleRecord update(String namespace, String id, ScheduleBody body) {
    if (body.agent() != null || body.function() != null || body.name() != null) {
      throw ApiException.badRequest("agent, function and name cannot be changed; create a new schedule instead");
    }
    ScheduleRecord current = get(namespace, id);
    String zone = Optional.ofNullable(body.timezone()).orElse(current.timezone());
    CronSchedule cron = Cron.parse(Optional.ofNullable(body.cron()).orElse(current.cron()), zone, "cron");
    Optional<Overlap> overlap = overlap(body.overlap());
    Optional<Catchup> catchup = catchup(body.catchup());
    Instant now = clock.instant();
    return store.update(namespace, id, s -> {
      boolean paused = Optional.ofNullable(body.paused()).orElse(s.paused());
      boolean retime = body.cron() != null || body.timezone() != null || (s.paused() && !paused);
      return new ScheduleRecord(s.id(), s.namespace(), s.name(), s.agent(), s.function(), cron.expression(), zone,
          body.payload() == null ? s.payloadJson() : body.payload().toString(), paused, overlap.orElse(s.overlap()),
          catchup.orElse(s.catchup()), s.declared(), retime ? cron.nextAfter(now) : s.nextFireAt(), s.lastFireAt(),
          s.lastInvocationId(), s.createdAt(), now);
    }).orElseThrow(() -> notFound(namespace, id));
  }

  public void delete(String namespace, String id) {
    if (!store.delete(namespace, id)) {
      throw notFound(namespace, id);
    }
  }

  private static String payload(ScheduleBody body) {
    if (body.payload() != null && !body.payload().isObject()) {
      throw ApiException.badRequest("payload must be a JSON object");
    }
    return body.payload() == null ? "{}" : body.payload().toString();
  }

  private static Optional<Overlap> overlap(String value) {
    return Optional.ofNullable(value).map(v -> Overlap.parse(v).orElseThrow(() -> ApiException.unprocessable(
        "overlap must be skip or allow, got '" + v + "'", List.of())));
  }

  private static Optional<Catchup> catchup(String value) {
    return Optional.ofNullable(value).map(v -> Catchup.parse(v).orElseThrow(() -> ApiException.unprocessable(
        "catchup must be one or none, got '" + v + "'", List.of())));
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required");
    }
    return value;
  }

  private static ApiException notFound(String namespace, String id) {
    return ApiException.notFound("schedule '" + id + "' not found in namespace '" + namespace + "'");
  }
}
