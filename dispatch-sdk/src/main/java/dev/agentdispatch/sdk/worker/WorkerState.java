package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.CompletionResult;

/**
 * The shared moving parts of a started worker, so each loop receives one value instead of a long
 * constructor list.
 *
 * @param registry the running leases
 * @param slots the free handler slots
 * @param threads where handlers run
 * @param completions the outgoing results
 * @param events the outgoing log events
 */
record WorkerState(
    LeaseRegistry registry,
    Slots slots,
    HandlerThreads threads,
    Batcher<CompletionResult> completions,
    Batcher<LeaseEvent> events) {}
