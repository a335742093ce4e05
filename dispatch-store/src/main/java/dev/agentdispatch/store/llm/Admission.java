package dev.agentdispatch.store.llm;

/** Whether the holds of a call in flight were taken: all of them, or none. */
public sealed interface Admission {
  /** Every hold was taken under {@code reservationId}. */
  record Admitted(String reservationId) implements Admission {}

  /**
   * The first scope (in scope order) whose limit the call would pass; nothing was held.
   *
   * @param spentMicros settled spend of the month so far
   * @param reservedMicros held by other calls in flight
   * @param estimateMicros this call's estimate
   */
  record Refused(
      String scope, long limitMicros, long spentMicros, long reservedMicros, long estimateMicros)
      implements Admission {}
}
