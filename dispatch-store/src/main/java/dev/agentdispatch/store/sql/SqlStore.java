package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.invocation.InvocationStateMachine;
import dev.agentdispatch.store.Leadership;
import dev.agentdispatch.store.StoreListener;
import dev.agentdispatch.store.StoreListeners;
import dev.agentdispatch.store.agent.AgentStore;
import dev.agentdispatch.store.event.EventStore;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.key.KeyStore;
import dev.agentdispatch.store.llm.LlmBudgetStore;
import dev.agentdispatch.store.llm.LlmCallStore;
import dev.agentdispatch.store.llm.LlmPriceStore;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import dev.agentdispatch.store.schedule.ScheduleStore;
import dev.agentdispatch.store.task.TaskStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Store} over SQL: the same stores on any {@link Transactor} and {@link Dialect}. */
public final class SqlStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(SqlStore.class);

  private final String description;
  private final Transactor db;
  private final StoreListeners listeners;
  private final Leadership leadership;
  private final List<AutoCloseable> closeFirst;
  private final SqlAgentStore agents;
  private final SqlInvocationStore invocations;
  private final SqlKeyStore keys;
  private final SqlEventStore events;
  private final SqlScheduleStore schedules;
  private final SqlSessionStore sessions;
  private final SqlKvStore kv;
  private final SqlLlmRoutingStore llmRouting;
  private final SqlLlmCallStore llmCalls;
  private final Optional<NodeAllowances> allowances;
  private final Optional<LedgerBatches> ledgerBatches;
  private final SqlLlmBudgetStore llmBudgets;
  private final SqlLlmPriceStore llmPrices;
  private final SqlFlowStore flow;
  private final SqlTaskStore tasks;

  /**
   * @param closeFirst resources to close before the transactor (listener threads, leader
   *     connections)
   */
  public SqlStore(
      String description,
      Transactor db,
      Dialect dialect,
      StoreListeners listeners,
      Leadership leadership,
      List<AutoCloseable> closeFirst) {
    this.description = description;
    this.db = db;
    this.listeners = listeners;
    this.leadership = leadership;
    this.closeFirst = List.copyOf(closeFirst);
    InvocationStateMachine machine =
        new InvocationStateMachine(() -> ThreadLocalRandom.current().nextDouble());
    // Sessions hook into invocation changes; the invocation store knows only the hook interface.
    // Tasks hook in the same way: a dispatch invocation assigns, starts, completes or fails its
    // task.
    InvocationHooks sessionHooks =
        new ChainedHooks(List.of(new SessionInvocationHooks(), new TaskInvocationHooks(dialect)));
    this.agents = new SqlAgentStore(db);
    this.invocations = new SqlInvocationStore(db, dialect, machine, sessionHooks);
    this.keys = new SqlKeyStore(db);
    this.events = new SqlEventStore(db);
    this.schedules = new SqlScheduleStore(db, dialect, invocations);
    this.sessions = new SqlSessionStore(db, dialect, machine, new InvocationLog(sessionHooks));
    this.kv = new SqlKvStore(db);
    this.llmRouting = new SqlLlmRoutingStore(db, dialect);
    // One server owns a SQLite file: its budget holds can live in its memory (LocalHolds).
    PendingWrites llmPending = new PendingWrites();
    // Every node writes a PostgreSQL database: each admits against shares of the budgets it
    // reserved there (NodeAllowances) and records its calls in batches.
    Optional<LocalHolds> holds =
        dialect == Dialect.SQLITE ? Optional.of(new LocalHolds()) : Optional.empty();
    this.allowances =
        dialect == Dialect.SQLITE ? Optional.empty() : Optional.of(new NodeAllowances(db, dialect));
    LedgerWrite ledger = new LedgerWrite(new LlmBudgetRows(dialect), allowances);
    this.ledgerBatches = allowances.map(a -> new LedgerBatches(db, ledger, a));
    this.llmCalls =
        new SqlLlmCallStore(
            db,
            ledger,
            llmPending,
            holds,
            allowances.map(a -> new SqlLlmCallStore.Allowances(a, ledgerBatches.orElseThrow())));
    this.llmBudgets = new SqlLlmBudgetStore(db, dialect, llmPending, holds, allowances);
    this.llmPrices = new SqlLlmPriceStore(db);
    this.flow = new SqlFlowStore(db);
    this.tasks = new SqlTaskStore(db, dialect, machine, new InvocationLog(sessionHooks));
  }

  @Override
  public TaskStore tasks() {
    return tasks;
  }

  @Override
  public FlowStore flow() {
    return flow;
  }

  @Override
  public AgentStore agents() {
    return agents;
  }

  @Override
  public InvocationStore invocations() {
    return invocations;
  }

  @Override
  public KeyStore keys() {
    return keys;
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public ScheduleStore schedules() {
    return schedules;
  }

  @Override
  public dev.agentdispatch.store.session.SessionStore sessions() {
    return sessions;
  }

  @Override
  public dev.agentdispatch.store.memory.KvStore kv() {
    return kv;
  }

  @Override
  public LlmRoutingStore llmRouting() {
    return llmRouting;
  }

  @Override
  public LlmCallStore llmCalls() {
    return llmCalls;
  }

  @Override
  public LlmBudgetStore llmBudgets() {
    return llmBudgets;
  }

  @Override
  public LlmPriceStore llmPrices() {
    return llmPrices;
  }

  @Override
  public void addListener(StoreListener listener) {
    listeners.add(listener);
  }

  @Override
  public Leadership leadership() {
    return leadership;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    // Before the listeners and the pool: queued records are written, allowances given back.
    ledgerBatches.ifPresent(LedgerBatches::close);
    invocations.close();
    allowances.ifPresent(NodeAllowances::close);
    for (AutoCloseable c : closeFirst) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed", c, e);
      }
    }
    db.close();
  }
}
