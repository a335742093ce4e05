package dev.agentdispatch.server.app.agents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.CronSchedule;
import dev.agentdispatch.core.schedule.Overlap;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import dev.agentdispatch.store.schedule.ScheduleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The schedules a registration declares through {@code schedule} triggers, named {@code
 * agent.function} (then {@code agent.function.2}, … for more triggers on one function) and kept in
 * step with the agent: added, updated, or removed when it registers again or is deleted.
 */
public final class DeclaredSchedules {
  private final ScheduleStore store;
  private final Clock clock;

  public DeclaredSchedules(ScheduleStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Refuses (422) a registration whose schedule triggers have a bad cron or zone; changes nothing.
   */
  public List<ScheduleRecord> plan(AgentSpec agent) {
    Instant now = clock.instant();
    List<ScheduleRecord> out = new ArrayList<>();
    for (FunctionSpec f : agent.functions()) {
      int n = 0;
      for (Trigger t : f.triggers()) {
        if (t instanceof Trigger.Schedule s) {
          n++;
          String name = agent.name() + "." + f.name() + (n == 1 ? "" : "." + n);
          String zone = s.timezone().orElse(Cron.DEFAULT_ZONE);
          CronSchedule cron =
              Cron.parse(s.cron(), zone, "function '" + f.name() + "' schedule trigger");
          out.add(
              new ScheduleRecord(
                  Ids.uuid7(),
                  agent.namespace(),
                  name,
                  agent.name(),
                  f.name(),
                  cron.expression(),
                  zone,
                  s.payloadJson().orElse("{}"),
                  false,
                  Overlap.SKIP,
                  Catchup.ONE,
                  true,
                  cron.nextAfter(now),
                  Optional.empty(),
                  Optional.empty(),
                  now,
                  now));
        }
      }
    }
    return out;
  }

  public void sync(AgentSpec agent, List<ScheduleRecord> planned) {
    store.syncDeclared(agent.namespace(), agent.name(), planned);
  }

  public void remove(String namespace, String agent) {
    store.syncDeclared(namespace, agent, List.of());
  }
}
