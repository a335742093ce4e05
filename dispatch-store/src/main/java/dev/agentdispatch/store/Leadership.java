package dev.agentdispatch.store;

/**
 * Whether this node runs the background loops (sweepers, retention, scheduler). On SQLite there is
 * one node, always the leader; on PostgreSQL one node at a time holds an advisory lock, and another
 * takes over when that node dies (its session, and so the lock, ends).
 */
public interface Leadership {
  /** True when this node leads now; may try to take the lead. Never throws. */
  boolean isLeader();

  Leadership ALWAYS = () -> true;
}
