package dev.agentdispatch.bench.load;

/**
 * A lease as the bench worker needs it: the fencing id and when the producer started to enqueue it.
 */
public record Lease(String leaseId, long enqueuedNanos) {}
