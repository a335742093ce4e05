package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.llm.Warned;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for recorded calls on a store every node writes (PostgreSQL): one writer thread per
 * node takes every record queued while its last transaction ran and writes them in one transaction,
 * so a namespace's counter row is locked once per batch, not once per call (which capped a
 * namespace at a few hundred calls a second across the cluster). A batch that fails is written
 * again one record at a time, so one bad record fails only itself.
 */
final class LedgerBatches implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LedgerBatches.class);

  /** The most records one transaction writes. */
  static final int MAX_BATCH = 500;

  private record Queued(LedgerWrite.Entry entry, CompletableFuture<List<Warned>> done) {}

  private final Transactor db;
  private final LedgerWrite ledger;
  private final NodeAllowances allowances;
  private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  LedgerBatches(Transactor db, LedgerWrite ledger, NodeAllowances allowances) {
    this.db = db;
    this.ledger = ledger;
    this.allowances = allowances;
    this.writer = Thread.ofPlatform().daemon().name("llm-ledger-writer").start(this::run);
  }

  /** Queues a record; the future completes once its batch committed (or it failed). */
  CompletableFuture<List<Warned>> submit(LedgerWrite.Entry entry) {
    CompletableFuture<List<Warned>> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(
          new StoreUnavailableException("the store is closing: the call was not recorded"));
      return done;
    }
    queue.add(new Queued(entry, done));
    return done;
  }

  private void run() {
    List<Queued> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("the LLM ledger writer failed; it goes on", e);
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Queued> batch) {
    LedgerWrite.Result result;
    try {
      List<LedgerWrite.Entry> entries = batch.stream().map(Queued::entry).toList();
      result = db.write(tx -> ledger.apply(tx, entries));
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        for (Queued q : batch) {
          write(List.of(q));
        }
      } else {
        batch.getFirst().done().completeExceptionally(e);
      }
      return;
    }
    allowances.flushed(result.charged(), result.released());
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(result.warned().get(i));
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
