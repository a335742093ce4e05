package dev.agentdispatch.store.flow;

import dev.agentdispatch.core.agent.DegradePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Flow control's own state: which agents and functions an operator paused, and the counts that show
 * what caps and gates hold back. The caps themselves are part of the agent's registration and are
 * enforced by the invocation store's claim and key gate.
 */
public interface FlowStore {
  /** The pause row that stands for the whole agent rather than one of its functions. */
  String WHOLE_AGENT = "";

  /**
   * Pauses dispatch of the agent's {@code function} ({@link #WHOLE_AGENT}: all of it); pending work
   * is kept. Returns false when it already was paused.
   */
  boolean pause(String namespace, String agent, String function, Instant now);

  /**
   * Resumes dispatch and wakes waiting workers; returns false when it was not paused (nothing
   * changes).
   */
  boolean resume(String namespace, String agent, String function, Instant now);

  /** What is paused of the agent: function names, and {@link #WHOLE_AGENT} when all of it is. */
  Set<String> paused(String namespace, String agent);

  /** Per function of the agent with work under way: running, ready and key-blocked counts. */
  List<FlowCount> counts(String namespace, String agent);

  /**
   * The work under way per agent and lane in every namespace: running, pending and key-blocked
   * counts and the oldest pending time. Reads only the partial indexes of unfinished work.
   */
  List<WorkLoad> workLoad();

  /** Whether the pending invocation waits at its key's gate. */
  boolean keyBlocked(String namespace, String invocationId);

  /**
   * Takes one token from each bucket, all or none, in one transaction (so all nodes share the
   * buckets). A throttling bucket without a token reserves one ahead and delays the invocation, up
   * to {@code maxDelay}; past that, or at a refusing bucket without a token, nothing changes and
   * the answer is {@link RateDecision.Refused}.
   */
  RateDecision take(String namespace, List<RateRule> rules, Duration maxDelay, Instant now);

  /** Forgets buckets that are full again (as good as absent); returns how many. */
  int pruneBuckets(Instant now, int limit);

  /**
   * Sets (or, empty, removes) the agent's degrade policy; the counts of its classes are kept, but
   * without a policy no class is degraded.
   */
  void degradePolicy(String namespace, String agent, Optional<DegradePolicy> policy, Instant now);

  /** The agent's classes that have failed or are degraded. */
  List<ClassHealth> classes(String namespace, String agent);

  /**
   * An operator's reset of a class ({@code lane}; {@link FlowCount#DEFAULT_LANE}: the default
   * lane): its failures are forgotten and it is no longer degraded. Returns false when it was
   * neither.
   */
  boolean resetClass(String namespace, String agent, String lane, Instant now);
}
