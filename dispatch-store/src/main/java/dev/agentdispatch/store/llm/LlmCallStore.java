package dev.agentdispatch.store.llm;

import dev.agentdispatch.store.Page;
import java.time.Instant;
import java.util.List;

/**
 * Recorded model calls (DESIGN §10): written with their budget effects, read by trace and usage.
 */
public interface LlmCallStore {
  /**
   * Stores {@code call} and applies {@code settlement} in one transaction: the reservation's holds
   * that are still there are released, and the cost is added to each charged scope's counter for
   * the UTC month of {@code call.startedAt()}.
   *
   * @return the scopes whose warning threshold this call crossed first this month (each flips its
   *     {@code warned} flag in the same transaction, so it is reported once)
   */
  List<Warned> record(LlmCallRecord call, Settlement settlement);

  /** Newest recorded first; the cursor is the last id of a page. */
  Page<LlmCallRecord> list(LlmCallQuery query);

  /**
   * The calls of a trace: those with {@code traceId}, and those of any of {@code invocationIds}
   * (which a reported call may name without its trace), oldest first, at most {@code limit}.
   */
  List<LlmCallRecord> forTrace(
      String namespace, String traceId, List<String> invocationIds, int limit);

  /**
   * Calls that started in {@code [from, to)}, grouped, in key order (calls without an agent first).
   */
  List<UsageRow> usage(String namespace, UsageGroupBy groupBy, Instant from, Instant to);
}
