package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.llm.Warned;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit for recorded calls on a store every node writes (PostgreSQL): one writer per node
 * ({@link GroupWrites}), so a namespace's counter row is locked once per batch, not once per call
 * (which capped a namespace at a few hundred calls a second across the cluster). What a batch
 * charged and released is handed to this node's allowances once it committed.
 */
final class LedgerBatches implements AutoCloseable {
  /** The most records one transaction writes. */
  static final int MAX_BATCH = 500;

  /** Records waiting past this are refused: the caller's record fails, its cost stays held. */
  private static final int MAX_QUEUED = 100_000;

  private final GroupWrites<LedgerWrite.Entry, List<Warned>> writes;

  LedgerBatches(Transactor db, LedgerWrite ledger, NodeAllowances allowances) {
    this.writes =
        new GroupWrites<>(
            "llm-ledger",
            1,
            MAX_BATCH,
            MAX_QUEUED,
            entries -> {
              LedgerWrite.Result result = db.write(tx -> ledger.apply(tx, entries));
              allowances.flushed(result.charged(), result.released());
              return result.warned();
            });
  }

  /** Queues a record; the future completes once its batch committed (or it failed). */
  CompletableFuture<List<Warned>> submit(LedgerWrite.Entry entry) {
    return writes.submit(entry);
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    writes.close();
  }
}
