package dev.agentdispatch.store.llm;

import dev.agentdispatch.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

  /**
   * {@link #record} without waiting for it: the record is queued for the database's next commit
   * (SQLite's group commit) and the future completes once it has committed, with the scopes it
   * warned. Until then it is not durable: a crash loses the records queued and not yet committed.
   * The budgets count it from the moment this returns, and this node's reads of calls, usage and
   * budget counters wait for the records it queued, so a node reads its own writes; another node
   * sees a record when it commits.
   */
  CompletableFuture<List<Warned>> recordLater(LlmCallRecord call, Settlement settlement);

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
