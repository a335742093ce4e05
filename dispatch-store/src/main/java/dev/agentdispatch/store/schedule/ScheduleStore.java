package dev.agentdispatch.store.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Cron schedules: their definitions, and their exactly-once fires. */
public interface ScheduleStore {
  /**
   * Stores a new schedule.
   *
   * @throws dev.agentdispatch.store.ConflictException of kind {@code NAME_TAKEN} when the name is
   *     in use
   */
  ScheduleRecord insert(ScheduleRecord schedule);

  Optional<ScheduleRecord> find(String namespace, String id);

  List<ScheduleRecord> list(String namespace, Optional<String> agent);

  /** Reads, changes and writes one schedule in one transaction; empty when there is none. */
  Optional<ScheduleRecord> update(
      String namespace, String id, UnaryOperator<ScheduleRecord> change);

  boolean delete(String namespace, String id);

  /**
   * Makes an agent's declared schedules exactly {@code declared} (matched by name): new ones are
   * added, changed ones updated (keeping their fire history), and ones no longer declared deleted.
   *
   * @throws dev.agentdispatch.store.ConflictException of kind {@code NAME_TAKEN} when a declared
   *     name is used by a schedule that was not declared
   */
  void syncDeclared(String namespace, String agent, List<ScheduleRecord> declared);

  /** Unpaused schedules due at {@code now}, soonest first. */
  List<ScheduleRecord> due(Instant now, int limit);

  /**
   * Applies one step of a due schedule; returns false when it was no longer due at {@code dueAt}.
   */
  boolean fire(ScheduleFire fire, Instant now);

  /** Whether the invocation a schedule last created has not ended (for {@code overlap: skip}). */
  boolean running(String namespace, String invocationId);
}
