package dev.agentdispatch.store.invocation;

import java.time.Instant;

/** One entry of an invocation's ordered event log; {@code seq} is monotonic per invocation. */
public record InvocationEvent(long seq, Instant at, String type, String dataJson) {}
