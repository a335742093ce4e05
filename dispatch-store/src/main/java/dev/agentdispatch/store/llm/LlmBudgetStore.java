package dev.agentdispatch.store.llm;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Monthly budgets and their counters. Every change of a counter is one conditional step inside a
 * write transaction (the row locked on PostgreSQL), so concurrent calls on any number of nodes
 * cannot all pass the same remaining budget. On SQLite, whose file one server owns, the holds of
 * calls in flight are kept in that server's memory and checked against the committed counters under
 * a lock, which decides the same without a write; {@link #usage} adds them to the reserved amount.
 * On PostgreSQL each node reserves shares of a budget in the database (allowances) and admits its
 * calls against them in memory; {@link #usage} counts what calls hold of them, not what is unused.
 */
public interface LlmBudgetStore {
  /**
   * Takes every hold or none: each must fit, {@code spent + reserved + hold <= limit}, in {@code
   * month}. Holds are taken in scope order, so two admissions never wait on each other in a cycle.
   *
   * @param expiresAt when {@link #releaseExpired} may give the holds back if nobody settled them
   */
  Admission admit(
      String namespace, String reservationId, YearMonth month, List<Hold> holds, Instant expiresAt);

  /**
   * Gives back up to {@code limit} holds whose expiry passed, those of this node's calls in flight
   * and any node's hold rows; returns how many. Safe to call on every node at once.
   */
  int releaseExpired(Instant now, int limit);

  /** A scope's counters for {@code month}; {@link BudgetUsage#NONE} when it has none. */
  BudgetUsage usage(String namespace, String scope, YearMonth month);

  /** Creates or replaces a budget. */
  BudgetRecord put(BudgetRecord budget);

  Optional<BudgetRecord> find(String namespace, String scope);

  /** False when there was none. */
  boolean delete(String namespace, String scope);
}
