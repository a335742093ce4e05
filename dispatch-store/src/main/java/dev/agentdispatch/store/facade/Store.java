package dev.agentdispatch.store.facade;

import dev.agentdispatch.store.Leadership;
import dev.agentdispatch.store.StoreListener;
import dev.agentdispatch.store.agent.AgentStore;
import dev.agentdispatch.store.event.EventStore;
import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.key.KeyStore;
import dev.agentdispatch.store.llm.LlmBudgetStore;
import dev.agentdispatch.store.llm.LlmCallStore;
import dev.agentdispatch.store.llm.LlmPriceStore;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import dev.agentdispatch.store.memory.KvStore;
import dev.agentdispatch.store.schedule.ScheduleStore;
import dev.agentdispatch.store.session.SessionStore;
import dev.agentdispatch.store.task.TaskStore;

/**
 * The durable state of Agent Dispatch (DESIGN §4). One API, one implementation per database, all
 * passing the same contract test suite. Every method is blocking; a method that returns has
 * committed durably.
 */
public interface Store extends AutoCloseable {
  AgentStore agents();

  InvocationStore invocations();

  KeyStore keys();

  EventStore events();

  ScheduleStore schedules();

  /** Sessions, their runs, inputs, state and logs (DESIGN §8). */
  SessionStore sessions();

  /** Per-agent long-term key-value memory (DESIGN §9). */
  KvStore kv();

  /** The LLM gateway's providers, model aliases and experiments (DESIGN §10). */
  LlmRoutingStore llmRouting();

  /** Recorded LLM calls, with their budget effects (DESIGN §10). */
  LlmCallStore llmCalls();

  /** LLM budgets and their monthly counters (DESIGN §10). */
  LlmBudgetStore llmBudgets();

  /** Per-namespace LLM prices (DESIGN §10). */
  LlmPriceStore llmPrices();

  /** Routed tasks, their history and side effects (DESIGN §11). */
  TaskStore tasks();

  /** Pauses and the counts behind concurrency caps (DESIGN §7). */
  FlowStore flow();

  /**
   * Registers a listener told about committed changes (after the commit, on the store's thread).
   */
  void addListener(StoreListener listener);

  /** Whether this node should run the background loops now. */
  Leadership leadership();

  /** A short description for logs, e.g. {@code sqlite:/data/dispatch.db}. */
  String describe();

  /** Flushes pending writes and releases connections. */
  @Override
  void close();
}
