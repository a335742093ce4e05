package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.WorkerEvent;

/** An event waiting to be appended to the log of the invocation a lease runs. */
record LeaseEvent(String leaseId, WorkerEvent event) {}
