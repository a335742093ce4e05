package dev.agentdispatch.sdk.worker;

/**
 * The shared moving parts of a started worker, so each loop receives one value instead of a long
 * constructor list.
 *
 * @param registry the running leases
 * @param slots the free handler slots
 * @param threads where handlers run
 * @param outbox the outgoing events and results, in order
 */
record WorkerState(LeaseRegistry registry, Slots slots, HandlerThreads threads, Outbox outbox) {}
