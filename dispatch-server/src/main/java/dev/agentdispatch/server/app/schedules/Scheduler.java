package dev.agentdispatch.server.app.schedules;

import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.schedule.CronSchedule;
import dev.agentdispatch.core.schedule.FirePlan;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.invocations.InvocationSpecs;
import dev.agentdispatch.server.logging.LogIds;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.server.tracing.Admission;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.server.tracing.SpanNames;
import dev.agentdispatch.store.schedule.ScheduleFire;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import dev.agentdispatch.store.schedule.ScheduleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the scheduler loop (run on the leader only): every due schedule is fired or skipped
 * per its {@link FirePlan}, and moved to its next fire time, atomically and exactly once per fire
 * time.
 */
public final class Scheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final ScheduleStore store;
  private final AgentService agents;
  private final Clock clock;
  private final ServerTracing tracing;

  private final ServerMeters meters;

  /** Each fire is a span of {@code tracing}, the root of the fired invocation's trace. */
  public Scheduler(
      ScheduleStore store,
      AgentService agents,
      Clock clock,
      ServerMeters meters,
      ServerTracing tracing) {
    this.meters = meters;
    this.tracing = tracing;
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  /** Handles up to {@code limit} due schedules; returns how many. */
  @SuppressWarnings("try") // the resource's work is its close: the ids leave the MDC
  public int pass(int limit) {
    Instant now = clock.instant();
    int handled = 0;
    for (ScheduleRecord s : store.due(now, limit)) {
      handled++;
      // The schedule's names go into every line logged while it fires, its failure included.
      try (LogIds ids = LogIds.ofSchedule(s.namespace(), s.agent(), s.name());
          Admission fire = tracing.fire(s.name())) {
        stepLogged(s, now, fire);
      }
    }
    return handled;
  }

  private void stepLogged(ScheduleRecord s, Instant now, Admission fire) {
    try {
      step(s, now, fire);
    } catch (RuntimeException e) {
      fire.failed(e);
      log.warn("schedule {} ({}) failed to fire; will retry", s.name(), s.id(), e);
    }
  }

  private void step(ScheduleRecord s, Instant now, Admission fire) {
    Instant dueAt = s.nextFireAt().orElseThrow();
    CronSchedule cron = CronSchedule.parse(s.cron(), s.timezone());
    boolean running =
        s.lastInvocationId().map(id -> store.running(s.namespace(), id)).orElse(false);
    FirePlan plan = FirePlan.plan(cron, dueAt, now, s.catchup(), s.overlap(), running);
    Optional<FunctionSpec> function =
        agents.spec(s.namespace(), s.agent()).flatMap(a -> a.function(s.function()));
    Optional<InvocationSpec> invocation =
        plan.fireTime()
            .flatMap(t ->
                function.map(f ->
                    InvocationSpecs.forFunction(
                        s.namespace(),
                        s.agent(),
                        f,
                        s.payloadJson(),
                        fire.traceId(),
                        fire.parentSpanIdFor(fire.traceId()),
                        Optional.empty(),
                        Optional.of("schedule:" + s.id() + ":" + t.toEpochMilli()),
                        Message.schedule(s.name()),
                        now)));
    if (plan.fireTime().isPresent() && function.isEmpty()) {
      log.warn(
          "schedule {} fires {}.{}, which is not registered; skipping {}",
          s.name(),
          s.agent(),
          s.function(),
          plan.fireTime().get());
    }
    plan.skipped()
        .ifPresent(reason -> log.debug("schedule {} skipped {} ({})", s.name(), dueAt, reason));
    invocation.ifPresentOrElse(
        i -> fire.tag(SpanNames.INVOCATION_ID, i.id()),
        () -> fire.tag(SpanNames.STATUS, "skipped"));
    store.fire(
        new ScheduleFire(
            s.namespace(),
            s.id(),
            dueAt,
            invocation,
            invocation.isPresent() ? plan.fireTime() : Optional.empty(),
            plan.nextFireAt()),
        now);
    Optional<String> missed =
        plan.skipped()
            .or(() -> invocation.isEmpty() ? Optional.of("not_registered") : Optional.empty());
    meters.scheduleFired(s.namespace(), s.agent(), missed);
  }
}
