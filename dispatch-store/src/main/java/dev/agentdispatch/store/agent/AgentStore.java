package dev.agentdispatch.store.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registered agents and the liveness of their workers. */
public interface AgentStore {
  /** Inserts or replaces an agent's spec; keeps its creation time. Returns the stored record. */
  AgentRecord upsert(String namespace, String name, String specJson, Instant now);

  /**
   * @param liveWindow workers seen within this window count as live
   */
  Optional<AgentRecord> find(String namespace, String name, Duration liveWindow, Instant now);

  List<AgentRecord> list(String namespace, Duration liveWindow, Instant now);

  /**
   * Every agent of every namespace, ordered by namespace and name: for work each node does for all
   * agents, such as pushing to the agents the server delivers to.
   */
  List<AgentRecord> listAll(Duration liveWindow, Instant now);

  /** Deletes the agent; its invocations stay. Returns false when there was none. */
  boolean delete(String namespace, String name);

  /** Records that a worker of the agent was seen (a lease poll or heartbeat). */
  void touchWorker(String namespace, String agent, String workerId, Instant now);

  /**
   * Forgets up to {@code limit} workers last seen before {@code cutoff} (worker ids are callers'
   * choice: rows of long-gone or made-up workers must not pile up); returns how many.
   */
  int pruneWorkersSeenBefore(Instant cutoff, int limit);
}
