package dev.agentdispatch.server.delivery;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One push in flight. Its outcome always completes normally: a transport turns every failure of the
 * call, its own cancel included, into a failed report; whoever cancelled decides what is then
 * reported.
 *
 * @param outcome completes once the call ends
 * @param cancel stops the call; idempotent, and harmless once it ended
 */
record PushCall(CompletableFuture<PushOutcome> outcome, Runnable cancel) {
  PushCall {
    Objects.requireNonNull(outcome, "outcome is null");
    Objects.requireNonNull(cancel, "cancel is null");
  }
}
