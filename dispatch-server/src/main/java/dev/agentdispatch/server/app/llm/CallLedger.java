package dev.agentdispatch.server.app.llm;

import java.math.BigDecimal;

/**
 * Admits model calls against budgets and records how they ended. The gateway calls {@link #admit}
 * before any byte goes upstream and {@link #settle} exactly once afterwards, whatever happened.
 */
public interface CallLedger {

  /** A budget hold for one call in flight; settle it exactly once. */
  interface Reservation {
    /** Whom the call is charged to. */
    CallAttribution who();
  }

  /** A recorded call: its id and what it cost, in US dollars to six decimals. */
  record RecordedCall(String id, BigDecimal costUsd) {}

  /**
   * Admits a call for {@code model}, holding an estimate of its cost against every budget that
   * applies (agent, namespace), so that concurrent calls cannot all pass the same remaining budget.
   *
   * @param estimatedInputTokens a rough count from the request's size
   * @param maxOutputTokens the request's output cap, or 0 when it sets none
   * @throws dev.agentdispatch.server.app.ServiceException.BudgetExceeded when a budget would be
   *     exceeded; nothing is held then
   */
  Reservation admit(
      CallAttribution who, String model, long estimatedInputTokens, long maxOutputTokens);

  /**
   * Records the finished call at its real cost and releases the reservation's hold. The record may
   * be written after this returns (the ledger queues it); its id and cost are final, budgets count
   * it at once, and this node's reads of calls and usage see it.
   */
  RecordedCall settle(Reservation reservation, CallOutcome outcome);
}
