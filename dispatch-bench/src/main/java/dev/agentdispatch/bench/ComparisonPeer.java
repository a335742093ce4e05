package dev.agentdispatch.bench;

import dev.agentdispatch.bench.report.RunResult;

/**
 * An established scheduler run side by side with Agent Dispatch on the same database (the {@code
 * compare} scenario). Implementations live in {@code dev.agentdispatch.bench.peer}, which is left
 * out of the runnable jar together with their libraries; the harness finds them by name.
 */
public interface ComparisonPeer {
  String PEER_CLASS = "dev.agentdispatch.bench.peer.DbSchedulerPeer";

  String name();

  /**
   * Closed loop: {@code count} no-op executions scheduled for now by {@code concurrency} callers
   * while the scheduler runs them; reports {@code throughput_per_s} and {@code pickup_*_ms}.
   */
  RunResult throughput(BenchConfig config, Progress progress, String label)
      throws InterruptedException;

  /** Open loop at {@code config.rate()}: pickup latency of executions scheduled for now. */
  RunResult latency(BenchConfig config, Progress progress, String label)
      throws InterruptedException;
}
