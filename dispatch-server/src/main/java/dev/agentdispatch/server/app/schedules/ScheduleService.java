package dev.agentdispatch.server.app.schedules;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.CronSchedule;
import dev.agentdispatch.core.schedule.Overlap;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.Cron;
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

  private final int maxPayloadBytes;

  /**
   * @param maxPayloadBytes the largest payload a schedule may carry: every fire makes an invocation
   *     of it, held to the same limit as any other
   */
  public ScheduleService(
      ScheduleStore store, AgentService agents, Clock clock, int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  public ScheduleRecord create(String namespace, ScheduleRequest r) {
    String agent = Check.name(r.agent().orElse(null), "agent");
    String function = Check.name(r.function().orElse(null), "function");
    agents.requireFunction(namespace, agent, function);
    String zone = r.timezone().orElse(Cron.DEFAULT_ZONE);
    CronSchedule cron = Cron.parse(Check.required(r.cron().orElse(null), "cron"), zone, "cron");
    String id = Ids.uuid7();
    String name = r.name().map(n -> Names.require(n, "schedule name")).orElse(id);
    boolean paused = r.paused().orElse(false);
    Instant now = clock.instant();
    ScheduleRecord s =
        new ScheduleRecord(
            id,
            namespace,
            name,
            agent,
            function,
            cron.expression(),
            zone,
            payload(r).orElse("{}"),
            paused,
            r.overlap().orElse(Overlap.SKIP),
            r.catchup().orElse(Catchup.ONE),
            false,
            cron.nextAfter(now),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    return store.insert(s); // a taken name is the store's ConflictException (name_taken)
  }

  public ScheduleRecord get(String namespace, String id) {
    return store.find(namespace, id).orElseThrow(() -> notFound(namespace, id));
  }

  public List<ScheduleRecord> list(String namespace, Optional<String> agent) {
    return store.list(namespace, agent);
  }

  /**
   * Changes what the body names; a new cron or zone, or a resume, recomputes the next fire from
   * now.
   */
  public ScheduleRecord update(String namespace, String id, ScheduleRequest r) {
    if (r.agent().isPresent() || r.function().isPresent() || r.name().isPresent()) {
      throw new ServiceException.Invalid(
          "agent, function and name cannot be changed; create a new schedule instead");
    }
    ScheduleRecord current = get(namespace, id);
    String zone = r.timezone().orElse(current.timezone());
    CronSchedule cron = Cron.parse(r.cron().orElse(current.cron()), zone, "cron");
    Instant now = clock.instant();
    return store
        .update(
            namespace,
            id,
            s -> {
              boolean paused = r.paused().orElse(s.paused());
              boolean retime =
                  r.cron().isPresent() || r.timezone().isPresent() || (s.paused() && !paused);
              return new ScheduleRecord(
                  s.id(),
                  s.namespace(),
                  s.name(),
                  s.agent(),
                  s.function(),
                  cron.expression(),
                  zone,
                  payload(r).orElse(s.payloadJson()),
                  paused,
                  r.overlap().orElse(s.overlap()),
                  r.catchup().orElse(s.catchup()),
                  s.declared(),
                  retime ? cron.nextAfter(now) : s.nextFireAt(),
                  s.lastFireAt(),
                  s.lastInvocationId(),
                  s.createdAt(),
                  now);
            })
        .orElseThrow(() -> notFound(namespace, id));
  }

  public void delete(String namespace, String id) {
    if (!store.delete(namespace, id)) {
      throw notFound(namespace, id);
    }
  }

  private static ServiceException.NotFound notFound(String namespace, String id) {
    return new ServiceException.NotFound(
        "schedule '" + id + "' not found in namespace '" + namespace + "'");
  }

  private Optional<String> payload(ScheduleRequest r) {
    return r.payload().map(p -> Check.size(p.toString(), maxPayloadBytes, "payload"));
  }
}
